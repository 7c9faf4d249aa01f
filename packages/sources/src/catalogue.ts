import { z } from 'zod';
import { NotFoundError, ValidationError, formatZodIssues } from '@nucal/core';
import { physicalConstants } from '@nucal/numeric';

const ELECTRON_MASS_MEV: number = physicalConstants.electronMassMeV;

/** Identifiers of the catalogued calibration sources (PHYSICS.md 1.2). */
export const SOURCE_IDS = ['Cs-137', 'Mn-54', 'Co-60', 'K-40', 'Ge-68', 'AmBe', 'AmC', 'nH', 'nC12'] as const;

/**
 * A source identifier.
 * @example SourceIdSchema.parse('Co-60')
 */
export const SourceIdSchema = z.enum(SOURCE_IDS);
/** A source identifier, e.g. `'Cs-137'`. */
export type SourceId = z.infer<typeof SourceIdSchema>;

/**
 * One way an emission can go: the gammas it releases together (a cascade, or an annihilation
 * pair), with its probability per emission.
 * @example GammaChannelSchema.parse({ probability: 1, gammasMeV: [1.173228, 1.332492] })
 */
export const GammaChannelSchema = z.object({
  probability: z.number().min(0).max(1).describe('probability of this channel per emission'),
  gammasMeV: z.array(z.number().positive()).min(1).describe('gammas emitted together, energies in MeV'),
  backToBack: z.boolean().default(false).describe('true when the two gammas are emitted in opposite directions (annihilation)'),
});
/** One emission channel. */
export type GammaChannel = z.infer<typeof GammaChannelSchema>;

/**
 * A calibration source: what one emission releases into the liquid scintillator, its
 * nominal deployed rate and whether it sits in an enclosure (capsule, PTFE shell, weight).
 * The channel probabilities sum to 1: an emission is one gamma event of the source
 * (the betas, conversion electrons and Auger electrons stay in the capsule).
 * @example CalibrationSourceSchema.parse(getSource('Cs-137'))
 */
export const CalibrationSourceSchema = z
  .object({
    id: SourceIdSchema,
    name: z.string().min(1),
    radiation: z.enum(['gamma', 'positron', 'neutron+gamma', 'capture-gamma']).describe('what the source emits'),
    channels: z.array(GammaChannelSchema).min(1),
    nominalRateHz: z.number().positive().describe('emissions per second when deployed'),
    enclosed: z.boolean().describe('true when the emitter sits in the source enclosure (leakage tail, shadowing)'),
    emitsNeutron: z.boolean().describe('true for (alpha, n) sources'),
    notes: z.string(),
  })
  .superRefine((s, ctx) => {
    const total = s.channels.reduce((acc, c) => acc + c.probability, 0);
    if (Math.abs(total - 1) > 1e-9) {
      ctx.addIssue({ code: 'custom', path: ['channels'], message: `channel probabilities sum to ${total}; expected 1` });
    }
    for (const [i, c] of s.channels.entries()) {
      if (c.backToBack && c.gammasMeV.length !== 2) {
        ctx.addIssue({ code: 'custom', path: ['channels', i], message: 'a back-to-back channel needs exactly two gammas' });
      }
    }
  });
/** A calibration source. */
export type CalibrationSource = z.infer<typeof CalibrationSourceSchema>;

/** Neutron capture in the LS (PHYSICS.md 1.2): 99% on H, 1% on C-12, after about 200 us. */
export const NEUTRON_CAPTURE = {
  hydrogenFraction: 0.99,
  carbonFraction: 0.01,
  captureTimeUs: 200,
} as const;

// Gamma energies: ENSDF / NuDat 3 adopted values (Cs-137 661.657 keV, Mn-54 834.848 keV,
// Co-60 1173.228 + 1332.492 keV, K-40 1460.820 keV, C-12* 4438.9 keV, O-16* 6129.9 keV).
// n-H: deuteron binding 2224.566 keV less the 1.32 keV recoil. n-C12: capture gammas of C-13
// (S_n = 4946.3 keV) from the IAEA PGAA database (Firestone et al., Database of prompt gamma
// rays from slow neutron capture, IAEA STI/PUB/1263, 2007): 4945 keV direct (~68%),
// 3684 + 1262 keV cascade (~32%).
const CATALOGUE: readonly CalibrationSource[] = [
  {
    id: 'Cs-137', name: 'Cs-137', radiation: 'gamma',
    channels: [{ probability: 1, gammasMeV: [0.661657], backToBack: false }],
    nominalRateHz: 100, enclosed: true, emitsNeutron: false,
    notes: '661.657 keV from Ba-137m (85.1% per decay); the beta and conversion electrons stay in the capsule.',
  },
  {
    id: 'Mn-54', name: 'Mn-54', radiation: 'gamma',
    channels: [{ probability: 1, gammasMeV: [0.834848], backToBack: false }],
    nominalRateHz: 100, enclosed: true, emitsNeutron: false,
    notes: 'Electron capture; 834.848 keV in 99.98% of decays.',
  },
  {
    id: 'Co-60', name: 'Co-60', radiation: 'gamma',
    channels: [{ probability: 1, gammasMeV: [1.173228, 1.332492], backToBack: false }],
    nominalRateHz: 100, enclosed: true, emitsNeutron: false,
    notes: 'Two gammas in cascade, emitted together; their weak angular correlation (1 + 0.125 cos^2 + 0.042 cos^4) is ignored.',
  },
  {
    id: 'K-40', name: 'K-40 (natural potassium salt)', radiation: 'gamma',
    channels: [{ probability: 1, gammasMeV: [1.46082], backToBack: false }],
    nominalRateHz: 1, enclosed: true, emitsNeutron: false,
    notes: '1460.820 keV after electron capture (10.7% of decays); the beta-minus branch (Q = 1.311 MeV) is absorbed in the capsule.',
  },
  {
    id: 'Ge-68', name: 'Ge-68 (Ga-68 positron)', radiation: 'positron',
    channels: [{ probability: 1, gammasMeV: [ELECTRON_MASS_MEV, ELECTRON_MASS_MEV], backToBack: true }],
    nominalRateHz: 100, enclosed: true, emitsNeutron: false,
    notes: 'The Ga-68 positron stops in the enclosure and annihilates at rest: two 0.511 MeV gammas back to back. The 1.077 MeV line (3.2%) is left out.',
  },
  {
    id: 'AmBe', name: 'Am-241/Be', radiation: 'neutron+gamma',
    channels: [{ probability: 1, gammasMeV: [4.4389], backToBack: false }],
    nominalRateHz: 100, enclosed: true, emitsNeutron: true,
    notes: 'Be-9(alpha,n)C-12*: 4.439 MeV gamma with the neutron (about 58% of the neutrons carry it); the rate counts gamma emissions. The neutron later captures (nH/nC12).',
  },
  {
    id: 'AmC', name: 'Am-241/C-13', radiation: 'neutron+gamma',
    channels: [{ probability: 1, gammasMeV: [6.1299], backToBack: false }],
    nominalRateHz: 100, enclosed: true, emitsNeutron: true,
    notes: 'C-13(alpha,n)O-16*: 6.130 MeV gamma with the neutron; the peak is shifted about +0.4% by the neutron-proton recoil light (PHYSICS.md 1.2).',
  },
  {
    id: 'nH', name: 'neutron capture on H', radiation: 'capture-gamma',
    channels: [{ probability: 1, gammasMeV: [2.223247], backToBack: false }],
    nominalRateHz: 100, enclosed: false, emitsNeutron: false,
    notes: 'Capture in the LS itself (no enclosure): 2.2232 MeV gamma; 99% of the captures, about 200 us after the neutron.',
  },
  {
    id: 'nC12', name: 'neutron capture on C-12', radiation: 'capture-gamma',
    channels: [
      { probability: 0.68, gammasMeV: [4.9453], backToBack: false },
      { probability: 0.32, gammasMeV: [3.6839, 1.2613], backToBack: false },
    ],
    nominalRateHz: 1, enclosed: false, emitsNeutron: false,
    notes: 'Capture in the LS (1% of captures): 4.945 MeV directly or 3.684 + 1.262 MeV in cascade.',
  },
];

for (const s of CATALOGUE) {
  const r = CalibrationSourceSchema.safeParse(s);
  if (!r.success) throw new ValidationError(`source catalogue entry ${s.id} is invalid`, formatZodIssues(r.error.issues));
}

/**
 * The whole catalogue, in the order of PHYSICS.md 1.2 (frozen objects).
 * @example for (const s of SOURCE_CATALOGUE) console.log(s.id, s.channels[0]?.gammasMeV);
 */
export const SOURCE_CATALOGUE: readonly CalibrationSource[] = Object.freeze(CATALOGUE.map((s) => deepFreeze(structuredClone(s))));

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

/**
 * The catalogue entry of a source.
 * @throws NotFoundError naming the valid ids when `id` is unknown
 * @example const co60 = getSource('Co-60'); co60.channels[0]?.gammasMeV // [1.173228, 1.332492]
 */
export function getSource(id: string): CalibrationSource {
  const s = SOURCE_CATALOGUE.find((x) => x.id === id);
  if (!s) throw new NotFoundError(`unknown calibration source "${id}"; expected one of ${SOURCE_IDS.join(', ')}`);
  return s;
}

/**
 * Total gamma energy of one channel (the sum of its gammas), MeV.
 * @example totalGammaEnergyMeV(getSource('Co-60').channels[0]!) // 2.50572
 */
export function totalGammaEnergyMeV(channel: GammaChannel): number {
  return channel.gammasMeV.reduce((a, b) => a + b, 0);
}
