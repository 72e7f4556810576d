// Words that never make or edge a theme, beyond the stop words: time and date words, small talk, politeness and
// filler, and vague nouns and adjectives that say nothing about the topic ("thing", "good", "big"). Chosen from
// what spoken sales calls are full of; `year`, `week`, `good`, `fine` and `sounds` were the top "themes" of the
// n-gram extractor this replaced (issue 16).

/** Never part of a theme, not even inside a displayed span: time, numbers spelled out, small talk. */
export const HARD_FILLER: ReadonlySet<string> = new Set(
  `year years yearly week weeks weekly month months monthly day days daily today tomorrow yesterday tonight morning
  mornings afternoon evening night weekend quarter quarters hour hours minute minutes second seconds moment time
  times date dates q1 q2 q3 q4 monday tuesday wednesday thursday friday saturday sunday january february march
  april june july august september october november december ago soon later earlier recently currently
  zero two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred thousand
  million first third half couple dozen
  good great fine nice cool awesome perfect wonderful excellent amazing fantastic glad happy sure okay ok alright
  sounds sound yeah yep yes nope hey hi hello bye goodbye thanks thank cheers please sorry welcome appreciate
  um uh uhm hmm er ah oh wow huh gonna wanna gotta kinda sorta basically honestly frankly literally definitely
  absolutely totally probably obviously anyway anyways actually really pretty super quite
  busy mute muted unmute hear audio screen share sharing recording record`
    .split(/\s+/)
    .filter(Boolean),
);

/** Break a theme candidate but may sit inside a displayed span: vague nouns, verbs and adjectives. */
export const SOFT_FILLER: ReadonlySet<string> = new Set(
  `thing things stuff lot lots bit bits kind kinds sort sorts type types way ways part parts piece everything
  team teams company companies organisation organization something anything nothing everyone someone anyone nobody everybody somebody anybody folks guys guy people person
  question questions answer idea ideas point points case cases example fact end start beginning side level
  better best big bigger small smaller little less least many few several other others another same different
  own whole main certain real new old last next previous typical general specific whatever able
  like need needs needed want wants wanted get gets got getting make makes made take takes took use uses used
  come comes came keep keeps give gives look looks looking try tries tried work works worked working happen
  happens happened ask asks asked tell told talk talked talking call calls called feel felt guess hope
  every each much more most enough also even still already again just only per via etc`
    .split(/\s+/)
    .filter(Boolean),
);
