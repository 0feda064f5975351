/**
 * The locations the emulator offers (`GET /v1/locations`): a seed's `locations` table, or this
 * default one. Every group location, seeded, created or set by an admin route, must be one of them.
 */

/**
 * The default table, code → description: the 35 legacy codes of the `GET /v1/locations` example
 * of Turso's OpenAPI spec before February 2026, the six AWS codes of its example since, and the
 * two AWS codes of Turso's "Cloud Providers" page besides (`aws-us-west-1`, `aws-eu-west-3`; their
 * descriptions are the emulator's, in the style of the others).
 */
export const DEFAULT_LOCATIONS: Readonly<Record<string, string>> = {
  ams: "Amsterdam, Netherlands",
  arn: "Stockholm, Sweden",
  atl: "Atlanta, Georgia (US)",
  bog: "Bogotá, Colombia",
  bom: "Mumbai, India",
  bos: "Boston, Massachusetts (US)",
  cdg: "Paris, France",
  den: "Denver, Colorado (US)",
  dfw: "Dallas, Texas (US)",
  ewr: "Secaucus, NJ (US)",
  eze: "Ezeiza, Argentina",
  fra: "Frankfurt, Germany",
  gdl: "Guadalajara, Mexico",
  gig: "Rio de Janeiro, Brazil",
  gru: "São Paulo, Brazil",
  hkg: "Hong Kong, Hong Kong",
  iad: "Ashburn, Virginia (US)",
  jnb: "Johannesburg, South Africa",
  lax: "Los Angeles, California (US)",
  lhr: "London, United Kingdom",
  mad: "Madrid, Spain",
  mia: "Miami, Florida (US)",
  nrt: "Tokyo, Japan",
  ord: "Chicago, Illinois (US)",
  otp: "Bucharest, Romania",
  phx: "Phoenix, Arizona (US)",
  qro: "Querétaro, Mexico",
  scl: "Santiago, Chile",
  sea: "Seattle, Washington (US)",
  sin: "Singapore, Singapore",
  sjc: "San Jose, California (US)",
  syd: "Sydney, Australia",
  waw: "Warsaw, Poland",
  yul: "Montreal, Canada",
  yyz: "Toronto, Canada",
  "aws-ap-northeast-1": "AWS AP NorthEast (Tokyo)",
  "aws-ap-south-1": "AWS AP South (Mumbai)",
  "aws-eu-west-1": "AWS EU West (Ireland)",
  "aws-eu-west-3": "AWS EU West (Paris)",
  "aws-us-east-1": "AWS US East (Virginia)",
  "aws-us-east-2": "AWS US East (Ohio)",
  "aws-us-west-1": "AWS US West (N. California)",
  "aws-us-west-2": "AWS US West (Oregon)",
};

/**
 * The first of `codes` that is not in `table`, as a message naming it and where it is
 * (`where[i]`), or undefined when every code is known. One lookup per code: 10 000 codes, no wait.
 */
export function unknownLocation(
  codes: readonly string[],
  table: ReadonlyMap<string, string>,
  where: string,
): string | undefined {
  const i = codes.findIndex((code) => !table.has(code));
  if (i < 0) return undefined;
  return (
    `${where}[${i}]: ${JSON.stringify(codes[i])} is not a location of the emulator ` +
    `(its table: the seed's "locations", or the default one; GET /v1/locations lists it)`
  );
}
