import { notFoundMetadata } from "@/lib/seo/metadata";
import { NotFoundMessage } from "@/components/site/NotFoundMessage";

export const metadata = notFoundMetadata();

export default function NotFound() {
  return <NotFoundMessage />;
}
