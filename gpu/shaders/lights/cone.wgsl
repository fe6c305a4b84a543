// ConeLight emission test of the reference engine (spec §1.8): a front-face hit emits only when the angle
// between the reversed incoming direction and the normal is at most `spread` degrees; no falloff outside.

/// cos_angle = dot(−ray direction, front-facing normal). spread >= 180° always emits, a negative spread never.
fn cone_light_emits(cos_angle: f32, spread_degrees: f32) -> bool {
  if (spread_degrees >= 180.0) {
    return true;
  }
  if (spread_degrees < 0.0) {
    return false;
  }
  return cos_angle >= cos(radians(spread_degrees));
}
