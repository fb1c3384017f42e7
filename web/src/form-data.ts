/**
 * A text field of a submitted form. `FormData.get` answers `null` for a missing field and a `File`
 * for a file input, which `String()` would turn into "null" or "[object File]"; both read as "".
 */
export function textField(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
