import Link from "next/link";

/**
 * The search box above a newsroom list (authors, tags): a plain GET form, so it works without JavaScript and the
 * result has its own URL; "Clear" and a count of what matched.
 */
export function ListSearch({
  action,
  q,
  label,
  placeholder,
  total,
  noun,
}: {
  action: string;
  q: string;
  label: string;
  placeholder: string;
  total: number;
  noun: [singular: string, plural: string];
}) {
  const id = `${action.replaceAll("/", "-").slice(1)}-q`;
  return (
    <form className="nr-filters" action={action} method="get" role="search">
      <label htmlFor={id} className="nr-skip">
        {label}
      </label>
      <input id={id} type="search" name="q" defaultValue={q} placeholder={placeholder} />
      <button type="submit" className="nr-btn">
        Search
      </button>
      {q ? (
        <Link href={action} className="nr-btn nr-btn-quiet">
          Clear
        </Link>
      ) : null}
      <span className="nr-muted" role="status">
        {q
          ? `${total.toLocaleString("en")} ${total === 1 ? noun[0] : noun[1]} matching “${q}”`
          : `${total.toLocaleString("en")} ${total === 1 ? noun[0] : noun[1]}`}
      </span>
    </form>
  );
}
