import { useId, type ReactElement, type ReactNode } from "react";
import { cloneElement } from "react";

// A labelled control with its hint and the server's messages about it, linked by
// aria-describedby so screen readers (and tests) find the error next to the field.

interface Props {
  label: string;
  /** The server's messages for this field (from `details[]`). */
  errors?: string[] | undefined;
  hint?: ReactNode;
  /** One input, select or textarea; it gets the id, aria-invalid and aria-describedby. */
  children: ReactElement<Record<string, unknown>>;
  className?: string;
}

export function FormField({ label, errors, hint, children, className }: Props) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-errors`;
  const described = [hint ? hintId : undefined, errors?.length ? errorId : undefined].filter(Boolean).join(" ");
  const control = cloneElement(children, {
    id,
    "aria-invalid": errors?.length ? true : undefined,
    "aria-describedby": described || undefined,
  });
  return (
    <div className={`form-field${className ? ` ${className}` : ""}`}>
      <label htmlFor={id}>{label}</label>
      {control}
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}

export function FieldErrors({ id, errors }: { id?: string; errors?: string[] | undefined }) {
  if (!errors?.length) return null;
  return (
    <ul className="field-errors" id={id}>
      {errors.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}
