/** What went wrong, said where it happened (screen readers announce it); nothing when nothing did. */
export function Alert({ message }: { message: string | null | undefined }) {
  return message ? (
    <p className="alert" role="alert">
      {message}
    </p>
  ) : null;
}
