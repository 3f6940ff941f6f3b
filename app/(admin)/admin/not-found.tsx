import Link from "next/link";

export default function AdminNotFound() {
  return (
    <main className="nr-signin" style={{ maxWidth: 480 }}>
      <h1>Not found</h1>
      <p>This page does not exist, or your role does not give access to it.</p>
      <p>
        <Link href="/admin">Back to articles</Link>
      </p>
    </main>
  );
}
