import { Test } from '@nestjs/testing';
import { Injectable } from '@nestjs/common';
import { ConfigModule } from './config.module';
import { Environment, loadEnvironment } from './environment';
import { AuthConfig, DatabaseConfig, SECTION_CLASSES, sectionOf, ShopeeConfig } from './sections';
import { SECTION_TITLES, SectionName, SETTINGS, settingsOf } from './settings';

describe('configuration sections', () => {
  const environment = loadEnvironment({ JWT_SECRET: 'a-test-secret-of-at-least-thirty-two-chars', SHOPEE_PARTNER_ID: '42' });

  it('puts every variable the service reads in exactly one section', () => {
    const variables = Object.keys(new Environment()).sort();
    const sectioned = (Object.keys(SECTION_TITLES) as SectionName[]).flatMap((name) => settingsOf(name)).sort();
    expect(sectioned).toEqual(variables);
    expect(new Set(sectioned).size).toBe(sectioned.length);
  });

  it("gives a section its own variables' values and nothing else", () => {
    const auth = sectionOf(environment, 'auth');
    expect(auth).toBeInstanceOf(AuthConfig);
    expect(auth.JWT_SECRET).toBe('a-test-secret-of-at-least-thirty-two-chars');
    expect(Object.keys(auth).sort()).toEqual(settingsOf('auth').sort());
    expect(auth).not.toHaveProperty('SHOPEE_PARTNER_KEY');
    expect(sectionOf(environment, 'shopee').SHOPEE_PARTNER_ID).toBe('42');
    expect(Object.isFrozen(auth)).toBe(true);
    expect(sectionOf(environment, 'database').databaseKind).toBe(environment.databaseKind);
  });

  it('injects a section by its class', async () => {
    @Injectable()
    class NeedsTwoSections {
      constructor(
        readonly auth: AuthConfig,
        readonly shopee: ShopeeConfig,
        readonly database: DatabaseConfig,
      ) {}
    }
    const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(environment)], providers: [NeedsTwoSections] }).compile();
    const service = moduleRef.get(NeedsTwoSections);
    expect(service.auth.JWT_SECRET).toBe(environment.JWT_SECRET);
    expect(service.shopee.SHOPEE_PARTNER_ID).toBe('42');
    expect(service.database.DATABASE_URL).toBe(environment.DATABASE_URL);
    for (const name of Object.keys(SECTION_CLASSES) as SectionName[]) {
      expect(moduleRef.get(SECTION_CLASSES[name])).toBeInstanceOf(SECTION_CLASSES[name]);
    }
  });

  it('documents every variable', () => {
    for (const [name, setting] of Object.entries(SETTINGS)) expect({ name, empty: setting.doc.trim() === '' }).toEqual({ name, empty: false });
  });
});
