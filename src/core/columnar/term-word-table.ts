// The word index's tables while it is built: the distinct words seen (an open-addressing table over the text) and a growable list of word ids.

/** The words seen so far: an open-addressing table over the text (no string made per word read). */
export class WordTable {
  size = 0;
  private slots = new Int32Array(1 << 16);
  hash = new Uint32Array(1 << 12);
  pos = new Uint32Array(1 << 12);
  len = new Uint32Array(1 << 12);
  /** Rows listed for each word (in `pairs`): a word's rows stop being listed once it has a bit set. */
  count = new Uint32Array(1 << 12);
  lastRow = new Int32Array(1 << 12).fill(-1);
  /** Each word's bit set in `sets`, or -1: a word gets one once it is in more than one row in 32. */
  setOf = new Int32Array(1 << 12).fill(-1);
  readonly sets: Uint32Array[] = [];
  /**
   * Each word's characters, copied side by side (word id's from at[id]): a word is compared with
   * these, not with its first occurrence in the text, which is far away in memory.
   */
  private chars = new Uint16Array(1 << 16);
  private charsUsed = 0;
  private at = new Uint32Array(1 << 12);

  /** The id of the word text[s, s + l) with hash h, added when new. */
  find(text: string, s: number, l: number, h: number): number {
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const v = this.slots[slot];
      if (v === 0) {
        const id = this.size++;
        if (id === this.hash.length) this.grow();
        this.hash[id] = h;
        this.pos[id] = s;
        this.len[id] = l;
        this.copy(text, s, l, id);
        this.slots[slot] = id + 1;
        if (this.size * 2 > this.slots.length) this.rehash();
        return id;
      }
      const id = v - 1;
      if (this.hash[id] === h && this.len[id] === l && this.same(text, id, s, l)) return id;
    }
  }

  /**
   * 1 for each word (by id) that holds `term`, or null when none does: the words' own characters
   * compared, not the text (a few hundred thousand words at 1M rows).
   */
  holding(term: string): Uint8Array | null {
    const l = term.length;
    const first = term.charCodeAt(0);
    const chars = this.chars;
    let out: Uint8Array | null = null;
    for (let id = 0; id < this.size; id++) {
      const wl = this.len[id];
      if (wl < l) continue;
      const a = this.at[id];
      for (let i = a, last = a + wl - l; i <= last; i++) {
        if (chars[i] !== first) continue;
        let k = 1;
        while (k < l && chars[i + k] === term.charCodeAt(k)) k++;
        if (k === l) {
          if (!out) out = new Uint8Array(this.size);
          out[id] = 1;
          break;
        }
      }
    }
    return out;
  }

  private copy(text: string, s: number, l: number, id: number): void {
    if (this.charsUsed + l > this.chars.length) {
      const more = new Uint16Array(Math.max(this.chars.length * 2, this.charsUsed + l));
      more.set(this.chars.subarray(0, this.charsUsed));
      this.chars = more;
    }
    const chars = this.chars;
    const o = this.charsUsed;
    for (let i = 0; i < l; i++) chars[o + i] = text.charCodeAt(s + i);
    this.at[id] = o;
    this.charsUsed = o + l;
  }

  private same(text: string, id: number, b: number, l: number): boolean {
    const chars = this.chars;
    const a = this.at[id];
    for (let i = 0; i < l; i++) if (chars[a + i] !== text.charCodeAt(b + i)) return false;
    return true;
  }

  private grow(): void {
    const n = this.hash.length * 2;
    const more = <T extends Uint32Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.hash = more(this.hash, (k) => new Uint32Array(k));
    this.pos = more(this.pos, (k) => new Uint32Array(k));
    this.len = more(this.len, (k) => new Uint32Array(k));
    this.at = more(this.at, (k) => new Uint32Array(k));
    this.count = more(this.count, (k) => new Uint32Array(k));
    const last = new Int32Array(n).fill(-1);
    last.set(this.lastRow);
    this.lastRow = last;
    const setOf = new Int32Array(n).fill(-1);
    setOf.set(this.setOf);
    this.setOf = setOf;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.size; id++) {
      let slot = this.hash[id] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
  }
}

/** A growable list of word ids. */
export class IdList {
  a = new Uint32Array(1 << 16);
  length = 0;
  push(v: number): void {
    if (this.length === this.a.length) {
      const b = new Uint32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.length++] = v;
  }
}
