// Counted nouns by English plural rules ("1 render", "0 renders", "1.5 samples"), for every count the editor and
// the gallery show. Intl.PluralRules decides, so fractions and zero take the plural as they should.
const rules = new Intl.PluralRules('en');

/** `count` and the noun in the form the count takes; `other` defaults to `one` + "s". */
export function countOf(count: number, one: string, other = `${one}s`): string {
  return `${count} ${rules.select(count) === 'one' ? one : other}`;
}
