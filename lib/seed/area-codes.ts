/**
 * Area codes the synthetic portfolio uses, with the state and IANA zone they belong to. Numbers are
 * always in NANP's fictional range 555-0100..0199, so no real person is ever dialled.
 * A few states are over-represented on purpose: Massachusetts (its own call caps), Arizona and
 * Hawaii (no DST), Indiana and Texas (zones split by county).
 */
export interface AreaCode {
  code: string;
  state: string;
  zone: string;
}

const ROWS: [string, string, string][] = [
  ["212", "NY", "America/New_York"], ["718", "NY", "America/New_York"], ["716", "NY", "America/New_York"],
  ["617", "MA", "America/New_York"], ["508", "MA", "America/New_York"], ["413", "MA", "America/New_York"],
  ["781", "MA", "America/New_York"], ["978", "MA", "America/New_York"],
  ["215", "PA", "America/New_York"], ["412", "PA", "America/New_York"],
  ["305", "FL", "America/New_York"], ["407", "FL", "America/New_York"], ["850", "FL", "America/Chicago"],
  ["404", "GA", "America/New_York"], ["704", "NC", "America/New_York"], ["803", "SC", "America/New_York"],
  ["703", "VA", "America/New_York"], ["202", "DC", "America/New_York"], ["410", "MD", "America/New_York"],
  ["302", "DE", "America/New_York"], ["201", "NJ", "America/New_York"], ["203", "CT", "America/New_York"],
  ["401", "RI", "America/New_York"], ["603", "NH", "America/New_York"], ["207", "ME", "America/New_York"],
  ["802", "VT", "America/New_York"], ["216", "OH", "America/New_York"], ["313", "MI", "America/Detroit"],
  ["317", "IN", "America/Indiana/Indianapolis"], ["219", "IN", "America/Chicago"], ["502", "KY", "America/New_York"],
  ["615", "TN", "America/Chicago"], ["865", "TN", "America/New_York"], ["205", "AL", "America/Chicago"],
  ["601", "MS", "America/Chicago"], ["504", "LA", "America/Chicago"], ["501", "AR", "America/Chicago"],
  ["312", "IL", "America/Chicago"], ["414", "WI", "America/Chicago"], ["612", "MN", "America/Chicago"],
  ["515", "IA", "America/Chicago"], ["314", "MO", "America/Chicago"], ["316", "KS", "America/Chicago"],
  ["402", "NE", "America/Chicago"], ["405", "OK", "America/Chicago"], ["214", "TX", "America/Chicago"],
  ["713", "TX", "America/Chicago"], ["915", "TX", "America/Denver"], ["701", "ND", "America/Chicago"],
  ["605", "SD", "America/Chicago"], ["303", "CO", "America/Denver"], ["505", "NM", "America/Denver"],
  ["801", "UT", "America/Denver"], ["406", "MT", "America/Denver"], ["307", "WY", "America/Denver"],
  ["208", "ID", "America/Boise"], ["602", "AZ", "America/Phoenix"], ["520", "AZ", "America/Phoenix"],
  ["702", "NV", "America/Los_Angeles"], ["213", "CA", "America/Los_Angeles"], ["415", "CA", "America/Los_Angeles"],
  ["619", "CA", "America/Los_Angeles"], ["916", "CA", "America/Los_Angeles"], ["503", "OR", "America/Los_Angeles"],
  ["206", "WA", "America/Los_Angeles"], ["509", "WA", "America/Los_Angeles"], ["907", "AK", "America/Anchorage"],
  ["808", "HI", "Pacific/Honolulu"],
];

export const AREA_CODES: readonly AreaCode[] = ROWS.map(([code, state, zone]) => ({ code, state, zone }));

/** Main zone of each state's population, for the address-based time-zone signal. */
export const STATE_ZONE: Readonly<Record<string, string>> = Object.fromEntries(
  AREA_CODES.filter((a, i, all) => all.findIndex((b) => b.state === a.state) === i).map((a) => [a.state, a.zone]),
);
