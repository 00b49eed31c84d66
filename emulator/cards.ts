// Stripe's test cards and test PaymentMethods, and what happens when each is charged.

export type CardOutcome =
  | {
      ok: true;
      brand: string;
      last4: string;
      funding: string;
      /** funds skip pending (4000 0000 0000 0077) */ available: boolean;
    }
  | {
      ok: false;
      brand: string;
      last4: string;
      code: string;
      declineCode: string | null;
      message: string;
    };

const DECLINES: Record<string, { code: string; declineCode: string | null; message: string }> = {
  "4000000000000002": {
    code: "card_declined",
    declineCode: "generic_decline",
    message: "Your card was declined.",
  },
  "4000000000009995": {
    code: "card_declined",
    declineCode: "insufficient_funds",
    message: "Your card has insufficient funds.",
  },
  "4000000000009987": {
    code: "card_declined",
    declineCode: "lost_card",
    message: "Your card was declined.",
  },
  "4000000000009979": {
    code: "card_declined",
    declineCode: "stolen_card",
    message: "Your card was declined.",
  },
  "4000000000000069": {
    code: "expired_card",
    declineCode: "expired_card",
    message: "Your card has expired.",
  },
  "4000000000000127": {
    code: "incorrect_cvc",
    declineCode: "incorrect_cvc",
    message: "Your card's security code is incorrect.",
  },
  // Attaching succeeds (a trial starts), every charge fails: the renewal that fails later.
  "4000000000000341": {
    code: "card_declined",
    declineCode: "generic_decline",
    message: "Your card was declined.",
  },
  "4000000000000119": {
    code: "processing_error",
    declineCode: "processing_error",
    message: "An error occurred while processing your card. Try again in a little bit.",
  },
};

/** Test PaymentMethod ids map to the card number they stand for. */
const PAYMENT_METHODS: Record<string, string> = {
  pm_card_visa: "4242424242424242",
  pm_card_visa_debit: "4000056655665556",
  pm_card_mastercard: "5555555555554444",
  pm_card_amex: "378282246310005",
  pm_card_bypassPending: "4000000000000077",
  pm_card_chargeDeclined: "4000000000000002",
  pm_card_chargeDeclinedInsufficientFunds: "4000000000009995",
  pm_card_chargeDeclinedLostCard: "4000000000009987",
  pm_card_chargeDeclinedStolenCard: "4000000000009979",
  pm_card_chargeDeclinedExpiredCard: "4000000000000069",
  pm_card_chargeDeclinedIncorrectCvc: "4000000000000127",
  pm_card_chargeDeclinedProcessingError: "4000000000000119",
  pm_card_chargeCustomerFail: "4000000000000341",
};

export function cardForPaymentMethod(pm: string): string | null {
  return PAYMENT_METHODS[pm] ?? null;
}

function luhn(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let d = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function brandOf(number: string): string {
  if (number.startsWith("4")) return "visa";
  if (/^5[1-5]/.test(number) || /^2[2-7]/.test(number)) return "mastercard";
  if (/^3[47]/.test(number)) return "amex";
  if (/^6(011|5)/.test(number)) return "discover";
  return "unknown";
}

/** Spaces and dashes are allowed in what the shopper types, as on Stripe's page. */
export function normaliseCardNumber(input: string): string {
  return input.replace(/[\s-]/g, "");
}

export function chargeCard(input: string): CardOutcome {
  const number = normaliseCardNumber(input);
  const last4 = number.slice(-4);
  const brand = brandOf(number);
  if (!/^\d{12,19}$/.test(number) || !luhn(number)) {
    return {
      ok: false,
      brand,
      last4,
      code: "incorrect_number",
      declineCode: null,
      message: "Your card number is incorrect.",
    };
  }
  const decline = DECLINES[number];
  if (decline) return { ok: false, brand, last4, ...decline };
  return {
    ok: true,
    brand,
    last4,
    funding: number === "4000056655665556" ? "debit" : "credit",
    available: number === "4000000000000077",
  };
}

/** A card that can be saved for later charges (0341 saves, then every charge fails). */
export function canSaveCard(cardNumber: string): CardOutcome {
  const digits = cardNumber.replace(/\D/g, "");
  if (digits === "4000000000000341") return { ...chargeCard("4242424242424242"), last4: "0341" };
  return chargeCard(cardNumber);
}
