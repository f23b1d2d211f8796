// The loopback server of the per-call benchmark, in its own process: a fixed answer to
// every request (the license handshake included), on a port the OS picks.
import { createServer } from "node:http";
import { userBody } from "./fixtures.mjs";

const license = JSON.stringify({ rateLimitTier: "tier2" });
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    const body = req.url.startsWith("/v1/mgmt/license") ? license : userBody;
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => console.log(`listening ${server.address().port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
