export { formatDate, type Locale } from "@/lib/time/reader-format";
