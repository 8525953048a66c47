import { AREA_CODES, STATE_ZONE } from "./area-codes";
import { between, pick, seededRandom, type Random } from "./random";

/** Rows of a synthetic portfolio, ready for createMany. Pure: the same seed and date give the same rows. */
export interface SyntheticPortfolio {
  debtors: SyntheticDebtor[];
  phones: SyntheticPhone[];
  accounts: SyntheticAccount[];
}

export interface SyntheticDebtor {
  id: string;
  externalId: string;
  firstName: string;
  lastName: string;
  language: string;
  city: string;
  state: string;
  postalCode: string;
  addressLine1: string;
  timeZoneCandidates: string[];
}

export interface SyntheticPhone {
  id: string;
  debtorId: string;
  number: string;
  lineType: "CELL" | "LANDLINE" | "VOIP" | "UNKNOWN";
  tcpaConsentAt: Date | null;
  tcpaConsentSource: string | null;
  source: string;
  priority: number;
}

export interface SyntheticAccount {
  id: string;
  externalId: string;
  debtorId: string;
  creditor: string;
  originalCreditor: string;
  originalAccountLast4: string;
  balanceCents: number;
  originalBalanceCents: number;
  chargeOffDate: Date;
  statuteOfLimitationsDate: Date;
  timeBarred: boolean;
}

const FIRST = ["James", "Maria", "Robert", "Linda", "Michael", "Patricia", "David", "Jennifer", "Carlos", "Aisha", "Wei", "Olga", "Kwame", "Priya", "Thomas", "Nguyen", "Sofia", "Daniel", "Fatima", "Grace", "Hiroshi", "Emily", "Jamal", "Ana"];
const LAST = ["Smith", "Johnson", "Garcia", "Williams", "Brown", "Martinez", "Lee", "Nguyen", "Patel", "Okafor", "Kowalski", "Cohen", "Rossi", "Silva", "Murphy", "Kim", "Hernandez", "Walker", "Chen", "Baker", "Novak", "Haddad", "Larsen", "Diaz"];
const CITIES = ["Springfield", "Riverside", "Fairview", "Madison", "Georgetown", "Franklin", "Clinton", "Salem", "Greenville", "Bristol"];
const STREETS = ["Oak St", "Maple Ave", "Cedar Ln", "Pine Rd", "Elm St", "Lakeview Dr", "Hillcrest Rd", "Main St"];
const CREDITORS = [
  ["Northwind Bank", "Northwind Bank Visa"],
  ["Contoso Auto Finance", "Contoso Motors"],
  ["Fabrikam Medical Billing", "St. Fabrikam Hospital"],
  ["Tailspin Telecom", "Tailspin Wireless"],
  ["Woodgrove Credit Union", "Woodgrove Credit Union"],
  ["Adatum Student Lending", "Adatum University"],
] as const;
/** Years after charge-off until the statute of limitations runs, by state (illustrative, not legal advice). */
const SOL_YEARS: Record<string, number> = { NY: 3, NC: 3, MA: 6, OH: 6, FL: 5, CA: 4, TX: 4, IL: 5, AZ: 6 };
const DAY_MS = 86_400_000;

function phoneNumber(random: Random, areaCode: string): string {
  // NANP reserves 555-0100 through 555-0199 for fictional use.
  return `+1${areaCode}5550${between(random, 100, 199)}`;
}

/** Builds `accounts` accounts for about 0.9 × accounts debtors (some debtors owe several debts). */
export function buildPortfolio(options: { accounts: number; seed: number; asOf: Date }): SyntheticPortfolio {
  const random = seededRandom(options.seed);
  const portfolio: SyntheticPortfolio = { debtors: [], phones: [], accounts: [] };
  let debtorIndex = 0;
  while (portfolio.accounts.length < options.accounts) {
    const key = `${options.seed}_${debtorIndex++}`;
    const home = pick(random, AREA_CODES);
    // One in twelve moved: the mobile keeps the old area code, the address is elsewhere.
    const moved = random() < 1 / 12;
    const addressState = moved ? pick(random, AREA_CODES).state : home.state;
    const zones = [...new Set([home.zone, STATE_ZONE[addressState] ?? home.zone])];
    const debtorId = `seed_dbt_${key}`;
    portfolio.debtors.push({
      id: debtorId,
      externalId: `SEED-D-${key}`,
      firstName: pick(random, FIRST),
      lastName: pick(random, LAST),
      language: random() < 0.12 ? "es" : "en",
      city: pick(random, CITIES),
      state: addressState,
      postalCode: String(between(random, 10_000, 99_999)),
      addressLine1: `${between(random, 1, 9999)} ${pick(random, STREETS)}`,
      timeZoneCandidates: zones,
    });
    const phoneCount = random() < 0.3 ? 2 : 1;
    for (let p = 0; p < phoneCount; p++) {
      const roll = random();
      const lineType = roll < 0.6 ? "CELL" : roll < 0.85 ? "LANDLINE" : roll < 0.9 ? "VOIP" : "UNKNOWN";
      const consented = lineType !== "LANDLINE" && random() < 0.7;
      portfolio.phones.push({
        id: `seed_phn_${key}_${p}`,
        debtorId,
        number: phoneNumber(random, p === 0 ? home.code : pick(random, AREA_CODES).code),
        lineType,
        tcpaConsentAt: consented ? new Date(options.asOf.getTime() - between(random, 30, 900) * DAY_MS) : null,
        tcpaConsentSource: consented ? pick(random, ["credit application", "account opening", "consumer call-in"]) : null,
        source: p === 0 ? "original creditor" : "skip trace",
        priority: p,
      });
    }
    const accountCount = random() < 0.1 ? 2 : 1;
    for (let a = 0; a < accountCount && portfolio.accounts.length < options.accounts; a++) {
      const [creditor, originalCreditor] = pick(random, CREDITORS);
      // Log-uniform from $50 to $25,000: many small medical and telecom debts, few large ones.
      const original = Math.round(Math.exp(Math.log(5_000) + random() * (Math.log(2_500_000) - Math.log(5_000))));
      const paidDown = random() < 0.3 ? Math.round(original * random() * 0.5) : 0;
      const chargeOff = new Date(options.asOf.getTime() - between(random, 120, 8 * 365) * DAY_MS);
      const sol = new Date(chargeOff.getTime() + (SOL_YEARS[addressState] ?? 5) * 365 * DAY_MS);
      portfolio.accounts.push({
        id: `seed_acc_${key}_${a}`,
        externalId: `SEED-A-${key}-${a}`,
        debtorId,
        creditor,
        originalCreditor,
        originalAccountLast4: String(between(random, 0, 9999)).padStart(4, "0"),
        balanceCents: original - paidDown,
        originalBalanceCents: original,
        chargeOffDate: new Date(chargeOff.toISOString().slice(0, 10)),
        statuteOfLimitationsDate: new Date(sol.toISOString().slice(0, 10)),
        timeBarred: sol.getTime() < options.asOf.getTime(),
      });
    }
  }
  return portfolio;
}
