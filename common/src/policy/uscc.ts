// 统一社会信用代码 (unified social credit code, GB 32100-2015): 18 characters whose last one is a check character.

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const BODY = /^[0-9A-HJ-NPQRTUWXY]{17}$/;

/** The check character for the first 17 characters of a code; throws if they are not from the code's charset. */
export function usccCheckChar(first17: string): string {
  if (!BODY.test(first17))
    throw new RangeError(`not the first 17 characters of a 统一社会信用代码: ${JSON.stringify(first17)}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]) * WEIGHTS[i];
  return CHARSET[(31 - (sum % 31)) % 31];
}

/** True when `code` is 18 characters of the GB 32100 charset and its check character is right (upper case only, as issued). */
export function isValidUscc(code: string): boolean {
  return (
    typeof code === 'string' &&
    code.length === 18 &&
    BODY.test(code.slice(0, 17)) &&
    usccCheckChar(code.slice(0, 17)) === code[17]
  );
}

/** Check character of the embedded 9-character organisation code (GB 11714): 8 characters then a check digit or X. */
export function organizationCodeCheckChar(first8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = first8.charCodeAt(i);
    sum += (c >= 65 ? c - 55 : c - 48) * weights[i];
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}
