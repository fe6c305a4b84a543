// The editor's environment conversions: sun angles ↔ direction (the map's own longitude convention), degree
// wrapping, and the sideways drag that turns an Hdri map with the pointer.
import { describe, expect, it } from 'vitest';
import { dragRotation, sunAngles, sunDirection, wrapDegrees } from './environment.ts';

describe('sun angles', () => {
  it('measure azimuth from −Z toward +X and elevation from the horizon', () => {
    expect(sunAngles([0, 0, -1])).toEqual({ azimuth: 0, elevation: 0 });
    expect(sunAngles([2, 0, 0])).toEqual({ azimuth: 90, elevation: 0 });
    expect(sunAngles([0, 0, 1])).toEqual({ azimuth: 180, elevation: 0 });
    expect(sunAngles([-1, 1, 0])).toEqual({ azimuth: -90, elevation: 45 });
    expect(sunAngles([0, 3, 0])).toEqual({ azimuth: 0, elevation: 90 });
  });

  it('round-trip through a unit direction rounded to 4 decimals', () => {
    expect(sunDirection({ azimuth: 0, elevation: 90 })).toEqual([0, 1, 0]);
    expect(sunDirection({ azimuth: 90, elevation: 0 })).toEqual([1, 0, 0]);
    expect(sunDirection({ azimuth: 45, elevation: 35 })).toEqual([0.5792, 0.5736, -0.5792]);
    for (const azimuth of [-170, -90, -12.5, 0, 33, 120, 179]) {
      for (const elevation of [1, 20, 60, 89]) {
        const back = sunAngles(sunDirection({ azimuth, elevation }));
        expect(back.azimuth).toBeCloseTo(azimuth, 0);
        expect(back.elevation).toBeCloseTo(elevation, 0);
      }
    }
  });

  it('clamp the elevation to the sky the schema allows (y >= 0)', () => {
    expect(sunDirection({ azimuth: 0, elevation: -30 })[1]).toBe(0);
    expect(sunDirection({ azimuth: 0, elevation: 120 })).toEqual([0, 1, 0]);
  });
});

describe('environment rotation', () => {
  it('wraps degrees into [−180, 180) to 0.1°', () => {
    expect(wrapDegrees(0)).toBe(0);
    expect(wrapDegrees(190)).toBe(-170);
    expect(wrapDegrees(-190)).toBe(170);
    expect(wrapDegrees(180)).toBe(-180);
    expect(wrapDegrees(720.04)).toBe(0);
    expect(wrapDegrees(-0.01)).toBe(0);
  });

  it('follows a sideways drag: the view width spans the horizontal field of view, right turns clockwise', () => {
    // A square view with a 90° vertical field of view spans 90° across.
    expect(dragRotation(0, 50, 100, 90, 1)).toBeCloseTo(-45, 5);
    expect(dragRotation(0, -100, 100, 90, 1)).toBeCloseTo(90, 5);
    expect(dragRotation(170, -100, 100, 90, 1)).toBeCloseTo(-100, 5);
    // Wider views span more.
    expect(Math.abs(dragRotation(0, 100, 100, 40, 2))).toBeGreaterThan(Math.abs(dragRotation(0, 100, 100, 40, 1)));
  });
});
