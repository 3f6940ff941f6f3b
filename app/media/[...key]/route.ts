import { mediaResponse } from "@/lib/media/serve";

type Context = { params: Promise<{ key: string[] }> };

/** Uploaded images (lib/media/serve.ts decides what may be served and how it is cached). */
export async function GET(request: Request, { params }: Context): Promise<Response> {
  return mediaResponse(request, (await params).key);
}

export async function HEAD(request: Request, { params }: Context): Promise<Response> {
  return mediaResponse(request, (await params).key);
}
