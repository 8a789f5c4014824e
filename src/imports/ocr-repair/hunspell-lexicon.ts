import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { hasPrefix } from './sorted-prefix';

/**
 * The Swedish hunspell dictionary (dictionary-sv) read directly from its .aff/.dic files.
 *
 * Why not nspell: it knows no COMPOUNDBEGIN/COMPOUNDEND flags, and Swedish writes most of a
 * tjänsteutlåtande's long words as compounds ("våldsförebyggande", "stadsdelsnämnden") that no
 * dictionary lists. Why not expand every form into a Set: 150 000 stems times their suffixes is
 * well over a million strings (~100 MB); looking a word up by stripping suffixes, as hunspell
 * itself does, keeps the stems only.
 *
 * Only the parts this dictionary uses are read: single-character flags, SFX rules (it has no PFX),
 * the compound flags, ONLYINCOMPOUND, NEEDAFFIX and FORBIDDENWORD. COMPOUNDRULE (numbers written
 * in letters) is left out: numbers are never repaired.
 */

interface SuffixRule {
  flag: string;
  strip: string;
  add: string;
  /** Flags the suffixed form carries on (here only the compound flags W/X/U/Z). */
  continuation: string;
  condition: RegExp;
}

/** What a word form may be: a word on its own, or a part of a compound (begin, middle, end). */
export interface FormUse {
  standalone: boolean;
  begin: boolean;
  middle: boolean;
  end: boolean;
}

const NO_USE: FormUse = { standalone: false, begin: false, middle: false, end: false };

/** Shortest compound part accepted. The dictionary allows 1, which accepts nonsense splits. */
const MIN_COMPOUND_PART = 3;
/** A compound of more parts than this is not believed (OCR noise otherwise segments too easily). */
const MAX_COMPOUND_PARTS = 4;

export class HunspellLexicon {
  private readonly stems = new Map<string, string>();
  /** Every stem in lower case, sorted, to tell whether a partly built word can still become one. */
  private readonly sortedStems: string[];
  /**
   * Suffix rules by the ending they add, then by what they strip: a form is only tried against the
   * rules its endings match, and each possible stem is looked up once for all rules that give it.
   */
  private readonly rulesByAdd = new Map<string, Map<string, SuffixRule[]>>();
  private longestAdd = 0;
  private readonly flags: { begin: string; middle: string; end: string; onlyInCompound: string; needAffix: string; forbidden: string };
  private readonly useCache = new Map<string, FormUse>();
  private readonly wordCache = new Map<string, WordKind>();

  constructor(aff: string, dic: string) {
    const directive = (name: string, fallback: string): string =>
      new RegExp(`^${name}\\s+(\\S+)`, 'm').exec(aff)?.[1] ?? fallback;
    this.flags = {
      begin: directive('COMPOUNDBEGIN', '\u0000'),
      middle: directive('COMPOUNDMIDDLE', '\u0000'),
      end: directive('COMPOUNDEND', '\u0000'),
      onlyInCompound: directive('ONLYINCOMPOUND', '\u0000'),
      needAffix: directive('NEEDAFFIX', '\u0000'),
      forbidden: directive('FORBIDDENWORD', '\u0000'),
    };
    this.readSuffixRules(aff);
    this.readStems(dic);
    this.sortedStems = [...new Set([...this.stems.keys()].map((stem) => stem.toLowerCase()))].sort();
  }

  private readSuffixRules(aff: string): void {
    for (const line of aff.split('\n')) {
      const parts = line.trim().split(/\s+/);
      // A rule line has five fields: SFX flag strip add condition (the header line has four).
      if (parts[0] !== 'SFX' || parts.length < 5) continue;
      const [, flag, strip, addField, condition] = parts;
      const [add, continuation = ''] = addField.split('/');
      const rule: SuffixRule = {
        flag,
        strip: strip === '0' ? '' : strip,
        add: add === '0' ? '' : add,
        continuation,
        condition: new RegExp(`${condition === '.' ? '' : condition}$`, 'u'),
      };
      const byStrip = this.rulesByAdd.get(rule.add) ?? new Map<string, SuffixRule[]>();
      byStrip.set(rule.strip, [...(byStrip.get(rule.strip) ?? []), rule]);
      this.rulesByAdd.set(rule.add, byStrip);
      this.longestAdd = Math.max(this.longestAdd, rule.add.length);
    }
  }

  private readStems(dic: string): void {
    const lines = dic.split('\n');
    // The first line is the entry count.
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i].trim();
      if (line === '') continue;
      // A flag list follows the last unescaped slash; the words here hold no escaped slashes.
      const slash = line.indexOf('/', 1);
      const word = slash < 0 ? line : line.slice(0, slash);
      const flags = slash < 0 ? '' : line.slice(slash + 1);
      // Homonyms (same spelling, different flags) share one entry. A proper noun ("Östermalm") is
      // also entered in lower case: the repair works on lower-case words and restores case after.
      this.stems.set(word, (this.stems.get(word) ?? '') + flags);
      const lower = word.toLowerCase();
      if (lower !== word) this.stems.set(lower, (this.stems.get(lower) ?? '') + flags);
    }
  }

  /** How a form (exact case) may be used, from its stem entries and the suffixes that produce it. */
  formUse(form: string): FormUse {
    const cached = this.useCache.get(form);
    if (cached) return cached;
    const use: FormUse = { ...NO_USE };
    const baseFlags = this.stems.get(form);
    if (baseFlags !== undefined && !baseFlags.includes(this.flags.forbidden)) {
      const onlyInCompound = baseFlags.includes(this.flags.onlyInCompound);
      use.standalone = !onlyInCompound && !baseFlags.includes(this.flags.needAffix);
      use.begin = baseFlags.includes(this.flags.begin);
      use.middle = baseFlags.includes(this.flags.middle);
      use.end = baseFlags.includes(this.flags.end) && !onlyInCompound;
    }
    for (let addLength = 0; addLength <= Math.min(this.longestAdd, form.length - 1); addLength++) {
      const byStrip = this.rulesByAdd.get(form.slice(form.length - addLength));
      if (!byStrip) continue;
      for (const [strip, rules] of byStrip) {
        const stem = form.slice(0, form.length - addLength) + strip;
        const stemFlags = this.stems.get(stem);
        if (stemFlags === undefined || stemFlags.includes(this.flags.forbidden)) continue;
        for (const rule of rules) this.applySuffixRule(stem, stemFlags, rule, use);
      }
    }
    this.useCache.set(form, use);
    return use;
  }

  /** If the stem allows `rule` (its flag, its condition), adds what the rule makes the form to `use`. */
  private applySuffixRule(stem: string, stemFlags: string, rule: SuffixRule, use: FormUse): void {
    if (!stemFlags.includes(rule.flag) || !rule.condition.test(stem)) return;
    const onlyInCompound = rule.continuation.includes(this.flags.onlyInCompound);
    if (!onlyInCompound) use.standalone = true;
    if (rule.continuation.includes(this.flags.begin)) use.begin = true;
    if (rule.continuation.includes(this.flags.middle)) use.middle = true;
    // Inflected endings are allowed at the end of a compound ("…nämnden").
    if (!onlyInCompound && stemFlags.includes(this.flags.end)) use.end = true;
  }

  /** Whether a lower-case word is a dictionary form ('word'), a compound of them ('compound'), or neither. */
  kind(word: string): WordKind {
    const cached = this.wordCache.get(word);
    if (cached !== undefined) return cached;
    let result: WordKind = null;
    if (this.formUse(word).standalone) result = 'word';
    else if (this.isCompound(word, 0, 1)) result = 'compound';
    this.wordCache.set(word, result);
    return result;
  }

  /** Word [start..] is one or more compound parts; the part at `start` is part number `partNumber`. */
  private isCompound(word: string, start: number, partNumber: number): boolean {
    if (partNumber > MAX_COMPOUND_PARTS) return false;
    for (let split = start + MIN_COMPOUND_PART; split <= word.length - MIN_COMPOUND_PART; split++) {
      const head = this.formUse(word.slice(start, split));
      if (!(partNumber === 1 ? head.begin : head.middle)) continue;
      if (this.formUse(word.slice(split)).end) return true;
      if (this.isCompound(word, split, partNumber + 1)) return true;
    }
    return false;
  }

  /** Whether the dictionary lists this capitalised word as a name of its own ("Lina", "Göteborg"). */
  isName(word: string): boolean {
    return word !== word.toLowerCase() && this.stems.has(word);
  }

  /** Whether some stem starts with `prefix` (binary search in the sorted stems). */
  isStemPrefix(prefix: string): boolean {
    return hasPrefix(this.sortedStems, prefix);
  }

  /** Frees the per-word caches (the stems stay); for long-running processes between documents. */
  trimCaches(limit = 200_000): void {
    if (this.useCache.size > limit) this.useCache.clear();
    if (this.wordCache.size > limit) this.wordCache.clear();
  }
}

export type WordKind = 'word' | 'compound' | null;

let shared: HunspellLexicon | undefined;

/** The Swedish dictionary, read once per process on first use (~0.3 s). */
export function swedishLexicon(): HunspellLexicon {
  if (!shared) {
    // dictionary-sv is an ES module that reads its files with top-level await; its files are read
    // here instead so that this CommonJS build can load them synchronously.
    const folder = dirname(require.resolve('dictionary-sv'));
    shared = new HunspellLexicon(readFileSync(join(folder, 'index.aff'), 'utf8'), readFileSync(join(folder, 'index.dic'), 'utf8'));
  }
  return shared;
}
