import { describe, expect, it } from 'vitest';
import { parseLocation, resolveCity } from '../../src/pipeline/location.js';

type Row = [
  text: string,
  city: string | null,
  district: string | null,
  region: string | null,
  country: string | null,
  remote: boolean,
];

const rows: Row[] = [
  ['上海·浦东新区·张江', 'Shanghai', '浦东新区', 'Shanghai', 'China', false],
  ['上海-徐汇区', 'Shanghai', '徐汇区', 'Shanghai', 'China', false],
  ['上海浦东新区', 'Shanghai', '浦东新区', 'Shanghai', 'China', false],
  ['北京市海淀区', 'Beijing', '海淀区', 'Beijing', 'China', false],
  ['深圳-南山区', 'Shenzhen', '南山区', 'Guangdong', 'China', false],
  ['杭州·余杭区', 'Hangzhou', '余杭区', 'Zhejiang', 'China', false],
  ['浦东新区', 'Shanghai', '浦东新区', 'Shanghai', 'China', false],
  ['Shanghai, China', 'Shanghai', null, 'Shanghai', 'China', false],
  ['Beijing', 'Beijing', null, 'Beijing', 'China', false],
  ['成都', 'Chengdu', null, 'Sichuan', 'China', false],
  ['Remote (US)', null, null, null, 'United States', true],
  ['Remote', null, null, null, null, true],
  ['远程', null, null, null, null, true],
  ['Remote - Europe', null, null, 'Europe', null, true],
  ['San Francisco, CA', 'San Francisco', null, 'California', 'United States', false],
  ['New York, NY, United States', 'New York', null, 'New York', 'United States', false],
  ['London, UK', 'London', null, 'England', 'United Kingdom', false],
  ['Washington, D.C.', 'Washington, D.C.', null, 'District of Columbia', 'United States', false],
  ['Hybrid - Seattle, WA', 'Seattle', null, 'Washington', 'United States', false],
  ['San Francisco, CA or Remote', 'San Francisco', null, 'California', 'United States', true],
  ['Texas', null, null, 'Texas', 'United States', false],
  ['United States', null, null, null, 'United States', false],
  ["Xi'an", "Xi'an", null, 'Shaanxi', 'China', false],
  ['广东省', null, null, 'Guangdong', 'China', false],
  ['Somewhere nice', null, null, null, null, false],
  // Prefecture-level cities beyond the big ones, where much data-annotation work is (数据标注基地).
  ['大同·平城区', 'Datong', '平城区', 'Shanxi', 'China', false],
  ['阜阳市颍州区', 'Fuyang (Anhui)', '颍州区', 'Anhui', 'China', false],
  ['遵义', 'Zunyi', null, 'Guizhou', 'China', false],
  ['Datong, Shanxi', 'Datong', null, 'Shanxi', 'China', false],
  ['延边朝鲜族自治州', 'Yanbian', null, 'Jilin', 'China', false],
  // Addresses that start with the province, as datasets often write them.
  ['广东省深圳市南山区', 'Shenzhen', '南山区', 'Guangdong', 'China', false],
  ['贵州省贵阳市云岩区', 'Guiyang', '云岩区', 'Guizhou', 'China', false],
  ['山西大同', 'Datong', null, 'Shanxi', 'China', false],
  ['内蒙古自治区呼和浩特市', 'Hohhot', null, 'Inner Mongolia', 'China', false],
  ['吉林省吉林市', 'Jilin City', null, 'Jilin', 'China', false],
  ['吉林市船营区', 'Jilin City', '船营区', 'Jilin', 'China', false],
  // The longer name starts the address: a prefecture named after a province, a place named after a city.
  ['海南藏族自治州共和县', 'Hainan Prefecture', '共和县', 'Qinghai', 'China', false],
  ['海南省海口市', 'Haikou', null, 'Hainan', 'China', false],
  ['北海道', null, null, 'Hokkaido', 'Japan', false],
  ['北海道札幌', null, null, 'Hokkaido', 'Japan', false],
  // Counties and county-level cities named after their city are kept as the district, listed or not.
  ['杭州·桐庐县', 'Hangzhou', '桐庐县', 'Zhejiang', 'China', false],
  ['金华-义乌市', 'Jinhua', '义乌市', 'Zhejiang', 'China', false],
  ['上海市浦东新区张江镇', 'Shanghai', '浦东新区', 'Shanghai', 'China', false],
  // County-level cities, which boards often show as the city (昆山, 义乌): the district of their city.
  ['昆山', 'Suzhou', '昆山市', 'Jiangsu', 'China', false],
  ['义乌', 'Jinhua', '义乌市', 'Zhejiang', 'China', false],
  ['苏州·张家港市', 'Suzhou', '张家港市', 'Jiangsu', 'China', false],
  ['晋江市', 'Quanzhou', '晋江市', 'Fujian', 'China', false],
  // A county-level city of another city is not the first city's district, nor is one that does not follow it.
  ['北京/昆山市', 'Beijing', null, 'Beijing', 'China', false],
  ['北京昆山市', 'Beijing', null, 'Beijing', 'China', false],
  // A district name that another city lists too is still this city's (长春 has a 朝阳区 as Beijing does).
  ['长春·朝阳区', 'Changchun', '朝阳区', 'Jilin', 'China', false],
  ['长春市朝阳区', 'Changchun', '朝阳区', 'Jilin', 'China', false],
  ['北京·张江·某某县', 'Beijing', null, 'Beijing', 'China', false],
  // A district of another city is not the first city's: Beijing's 朝阳区 is not Chaoyang in Liaoning.
  ['北京·朝阳区', 'Beijing', '朝阳区', 'Beijing', 'China', false],
  ['朝阳市', 'Chaoyang (Liaoning)', null, 'Liaoning', 'China', false],
  ['', null, null, null, null, false],
  // The world, from the GeoNames gazetteer and ISO 3166 codes and names.
  ['IND', null, null, null, 'India', false],
  ['Pune, IND', 'Pune', null, 'Maharashtra', 'India', false],
  ['Hyderabad, IND', 'Hyderabad', null, 'Telangana', 'India', false],
  ['Gurugram, IND', 'Gurugram', null, 'Haryana', 'India', false],
  ['Noida, IND', 'Noida', null, 'Uttar Pradesh', 'India', false],
  ['Chennai, IND', 'Chennai', null, 'Tamil Nadu', 'India', false],
  ['Mumbai, IND', 'Mumbai', null, 'Maharashtra', 'India', false],
  ['US', null, null, null, 'United States', false],
  ['U.S.', null, null, null, 'United States', false],
  ['UK', null, null, null, 'United Kingdom', false],
  ['GBR', null, null, null, 'United Kingdom', false],
  ['DEU', null, null, null, 'Germany', false],
  ['Berlin, DEU', 'Berlin', null, 'Berlin', 'Germany', false],
  ['Yonkers, NY', 'Yonkers', null, 'New York', 'United States', false],
  ['Burbank, CA', 'Burbank', null, 'California', 'United States', false],
  ['Santa Monica, CA', 'Santa Monica', null, 'California', 'United States', false],
  ['Camberwell, Victoria, Australia', 'Camberwell', null, 'Victoria', 'Australia', false],
  ['Toronto, ON, Canada', 'Toronto', null, 'Ontario', 'Canada', false],
  ['São Paulo, Brazil', 'São Paulo', null, 'São Paulo', 'Brazil', false],
  // A locality no dataset knows is kept as written, with the country the text names.
  ['Allpur, IND', 'Allpur', null, null, 'India', false],
  ['Hadapsar, IND', 'Hadapsar', null, null, 'India', false],
  ['Multiple Locations', null, null, null, null, false],
  // Chinese addresses are cut at the district.
  ['北京海淀区西二旗', 'Beijing', '海淀区', 'Beijing', 'China', false],
  ['北京市海淀西二旗', 'Beijing', '海淀区', 'Beijing', 'China', false],
];

describe('parseLocation', () => {
  it.each(rows)('%s', (text, city, district, region, country, remote) => {
    expect(parseLocation(text)).toMatchObject({ city, district, region, country, remote });
  });

  it('a list of cities keeps them all and uses the first as the city', () => {
    expect(parseLocation('北京/上海')).toMatchObject({ city: 'Beijing', cities: ['Beijing', 'Shanghai'] });
    expect(parseLocation('Shanghai / Beijing / Remote')).toMatchObject({
      city: 'Shanghai',
      cities: ['Shanghai', 'Beijing'],
      remote: true,
    });
  });

  it('a posting in several places keeps every place, each with its own district', () => {
    expect(parseLocation('北京市海淀区、南京市江宁区').places).toEqual([
      { city: 'Beijing', district: '海淀区', region: 'Beijing', country: 'China' },
      { city: 'Nanjing', district: '江宁区', region: 'Jiangsu', country: 'China' },
    ]);
    expect(parseLocation('San Francisco and New York').cities).toEqual(['San Francisco', 'New York']);
    expect(parseLocation('Bengaluru, IND / London, GBR').places).toMatchObject([
      { city: 'Bangalore', country: 'India' },
      { city: 'London', country: 'United Kingdom' },
    ]);
  });

  it('a name that fits places in several countries gets no country unless the text says which', () => {
    expect(parseLocation('Camberwell')).toMatchObject({ city: 'Camberwell', country: null });
    expect(parseLocation('Camberwell, GBR')).toMatchObject({ city: 'Camberwell', country: 'United Kingdom' });
  });

  it("a district of the second city is not taken as the first city's district", () => {
    expect(parseLocation('北京/上海·浦东新区')).toMatchObject({ city: 'Beijing', district: null });
  });
});

describe('the place data', () => {
  it('names every city once, and no alias leads to two cities', async () => {
    const places = (await import('../../src/taxonomy/cities.json', { with: { type: 'json' } })).default;
    const names = places.cities.map((c: { name: string }) => c.name);
    expect(new Set(names).size).toBe(names.length);
    const owner = new Map<string, string>();
    for (const city of places.cities as { name: string; zh?: string; aliases: string[] }[]) {
      for (const alias of [city.name, city.zh ?? '', ...city.aliases].filter(Boolean)) {
        const key = alias.toLowerCase();
        expect(owner.get(key) ?? city.name, `${alias} names both ${owner.get(key)} and ${city.name}`).toBe(
          city.name,
        );
        owner.set(key, city.name);
      }
    }
    // A county-level city's names lead to no city of their own.
    const counties = (await import('../../src/taxonomy/counties.json', { with: { type: 'json' } })).default;
    for (const county of counties.counties as { zh: string; city: string; aliases: string[] }[]) {
      expect(names).toContain(county.city);
      for (const alias of [county.zh, ...county.aliases])
        expect(owner.has(alias.toLowerCase()), alias).toBe(false);
    }
    // Every prefecture-level division of the mainland, not only the large cities.
    expect(places.cities.filter((c: { country: string }) => c.country === 'China').length).toBeGreaterThan(
      330,
    );
  });
});

describe('resolveCity', () => {
  it.each([
    ['上海', 'Shanghai'],
    ['shanghai', 'Shanghai'],
    ['Shanghai', 'Shanghai'],
    ['上海市', 'Shanghai'],
    ['SHANGHAI', 'Shanghai'],
    ['北京', 'Beijing'],
    ['peking', 'Beijing'],
    ['深圳市', 'Shenzhen'],
    ['广州', 'Guangzhou'],
    ['Hangzhou', 'Hangzhou'],
    ['香港', 'Hong Kong'],
    ['旧金山', 'San Francisco'],
    ['new york', 'New York'],
    ['NYC', 'New York'],
    ['伦敦', 'London'],
    ['上海浦东', 'Shanghai'],
    ['广东深圳', 'Shenzhen'],
    ['宿州', 'Suzhou (Anhui)'],
    ['苏州', 'Suzhou'],
    ['suzhou', 'Suzhou'],
    ['抚州市', 'Fuzhou (Jiangxi)'],
    ['fuzhou', 'Fuzhou'],
    ['榆林', 'Yulin (Shaanxi)'],
    ['玉林', 'Yulin (Guangxi)'],
  ])('%s → %s', (input, city) => {
    expect(resolveCity(input)).toBe(city);
  });

  it('unknown names resolve to null', () => {
    expect(resolveCity('Atlantis')).toBeNull();
    expect(resolveCity('')).toBeNull();
  });
});
