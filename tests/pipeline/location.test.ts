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
  ['', null, null, null, null, false],
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

  it("a district of the second city is not taken as the first city's district", () => {
    expect(parseLocation('北京/上海·浦东新区')).toMatchObject({ city: 'Beijing', district: null });
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
  ])('%s → %s', (input, city) => {
    expect(resolveCity(input)).toBe(city);
  });

  it('unknown names resolve to null', () => {
    expect(resolveCity('Atlantis')).toBeNull();
    expect(resolveCity('')).toBeNull();
  });
});
