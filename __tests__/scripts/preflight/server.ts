// A local stand-in for AWS and Databricks on 127.0.0.1: answers by route with the shapes in ./fixtures.ts and
// records every request. Routes: "aws:<Action>" (STS/EC2 query protocol), "sq:<Operation>" (Service Quotas JSON
// protocol), "<METHOD> <path>" (Databricks REST). An answer "hang" never comes (for timeouts); close() ends all.
import * as http from "http";
import type { AddressInfo } from "net";

export interface Req { method: string; path: string; query: URLSearchParams; body: string; headers: http.IncomingHttpHeaders }
export interface Answer { status?: number; headers?: Record<string, string>; body?: unknown }
export type Responder = (req: Req, count: number) => Answer | "hang";
export type Routes = Record<string, Responder | Answer>;

export class FakeCloud {
  readonly requests: Array<Req & { route: string }> = [];
  private server?: http.Server;
  constructor(public routes: Routes) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  count(route: string): number {
    return this.requests.filter((r) => r.route === route).length;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString();
        const url = new URL(req.url ?? "/", "http://x");
        const target = req.headers["x-amz-target"];
        const action = /^Action=([A-Za-z]+)/.exec(body) ?? /[&]Action=([A-Za-z]+)/.exec(body);
        const route = typeof target === "string" ? `sq:${target.split(".")[1]}` : action ? `aws:${action[1]}` : `${req.method} ${url.pathname}`;
        const r: Req = { method: req.method ?? "GET", path: url.pathname, query: url.searchParams, body, headers: req.headers };
        this.requests.push({ ...r, route });
        const responder = this.routes[route];
        const answer = typeof responder === "function" ? responder(r, this.count(route)) : responder ?? { status: 404, body: { error_code: "NOT_FOUND", message: `no route ${route}` } };
        if (answer === "hang") return;
        const isText = typeof answer.body === "string";
        const type = isText ? (String(answer.body).startsWith("<") ? "text/xml" : "text/plain") : route.startsWith("sq:") ? "application/x-amz-json-1.1" : "application/json";
        res.writeHead(answer.status ?? 200, { "Content-Type": type, ...(answer.headers ?? {}) });
        res.end(isText ? String(answer.body) : JSON.stringify(answer.body ?? {}));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return this;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
