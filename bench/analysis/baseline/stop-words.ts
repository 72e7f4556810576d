// English function words and filler common in spoken calls. Themes drop them; phrases never start or end with one.
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are aren't as at be because been before being below
  between both but by can can't could couldn't did didn't do does doesn't doing don't down during each few for from
  further get got had hadn't has hasn't have haven't having he her here hers herself him himself his how i i'm i've
  i'll i'd if in into is isn't it it's its itself just let let's me might more most much must my myself no nor not
  now of off on once one only or other our ours ourselves out over own really right same she should shouldn't so
  some such than that that's the their theirs them themselves then there there's these they they're this those
  through to too under until up us very was wasn't we we're we've we'll were weren't what what's when where which
  while who whom why will with won't would wouldn't yeah yes you you're you've you'll your yours yourself
  yourselves okay ok oh um uh like well sure thanks thank hi hello sorry maybe actually kind sort lot going go
  want think know see say said mean way thing things`
    .split(/\s+/)
    .filter(Boolean),
);
