export const metadata = {
  title: "Next.js floor",
  description: "A dynamic page with no data, to measure Next.js itself.",
};

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
