import assert from "node:assert/strict";
import { test } from "node:test";
import { guessImportMapping } from "./guess-import-mapping";

test("headers are matched by key, label or alias, whatever their case and punctuation; each field once", () => {
  const mapping = guessImportMapping(["account_number", "CREDITOR", "balanceDue", "Original Balance ($)", "debtorExternalId", "First Name", "surname", "ZIP", "Phone", "Mobile", "notes"]);
  assert.deepEqual(mapping, {
    account_number: "externalId",
    CREDITOR: "creditor",
    balanceDue: "balance",
    "Original Balance ($)": "originalBalance",
    debtorExternalId: "debtorExternalId",
    "First Name": "firstName",
    surname: "lastName",
    ZIP: "postalCode",
    Phone: "phone",
    Mobile: "",
    notes: "",
  });
});
