import { NotFoundMessage } from "@/components/site/NotFoundMessage";

export const metadata = { title: "Page not found" };

export default function NotFound() {
  return <NotFoundMessage />;
}
