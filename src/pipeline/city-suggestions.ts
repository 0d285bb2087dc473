// The cities a mistyped city name may have meant ("Shangai" → Shanghai (上海), "上诲" → 上海 (Shanghai)),
// from the shipped city list: English names, Chinese names and aliases (pinyin included).
import cityList from '../taxonomy/cities.json' with { type: 'json' };
import { didYouMean } from '../text/did-you-mean.js';

interface CityNames {
  name: string;
  zh?: string;
  aliases?: string[];
}

let byName: Map<string, CityNames> | undefined;

function names(): Map<string, CityNames> {
  if (byName) return byName;
  byName = new Map();
  for (const city of (cityList as { cities?: CityNames[] }).cities ?? []) {
    if (typeof city?.name !== 'string') continue;
    for (const name of [city.name, city.zh, ...(city.aliases ?? [])]) {
      if (typeof name === 'string' && name && !byName.has(name.toLowerCase()))
        byName.set(name.toLowerCase(), city);
    }
  }
  return byName;
}

/** ` (did you mean Shanghai (上海)?)`, or '' when no city name is close. */
export function suggestCity(input: string): string {
  const cities = names();
  const chinese = /\p{Script=Han}/u.test(input);
  return didYouMean(input, cities.keys(), (key) => {
    const city = cities.get(key)!;
    if (!city.zh) return city.name;
    return chinese ? `${city.zh} (${city.name})` : `${city.name} (${city.zh})`;
  });
}
