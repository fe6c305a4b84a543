// ConeLight emission test of the reference engine (spec §1.8): a front-face hit emits only when the angle
// between the reversed incoming direction and the normal is at most `spread` degrees; no falloff outside.

/// sin x for x ∈ [0, π/2] by its Taylor series to x¹¹ (truncation < 6e-8): the built-in sin may be off by
/// WGSL's allowed 2^-11 (SwiftShader: ~2e-4), more than cos 2° − cos 2.1° = 6e-5, so the edge would move.
fn cone_sin_quarter_turn(x: f32) -> f32 {
  let x2 = x * x;
  let p = 1.0 / 362880.0 + x2 * (-1.0 / 39916800.0);
  return x * (1.0 + x2 * (-1.0 / 6.0 + x2 * (1.0 / 120.0 + x2 * (-1.0 / 5040.0 + x2 * p))));
}

/// cos_angle = dot(−ray direction, front-facing normal). spread >= 180° always emits, a negative spread never.
fn cone_light_emits(cos_angle: f32, spread_degrees: f32) -> bool {
  if (spread_degrees >= 180.0) {
    return true;
  }
  if (spread_degrees < 0.0) {
    return false;
  }
  // 1 − cos s = 2 sin²(s/2): exact near the normal, where 1 − cos_angle is too.
  let h = cone_sin_quarter_turn(0.5 * radians(spread_degrees));
  return 1.0 - cos_angle <= 2.0 * h * h;
}
