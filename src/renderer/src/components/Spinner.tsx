/** A small spinning ring shown while something is in progress (still when motion is reduced). */
export function Spinner({ large = false }: { large?: boolean }) {
  return <span className={large ? 'spinner spinner-large' : 'spinner'} aria-hidden="true" />;
}
