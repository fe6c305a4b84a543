// Trowbridge-Reitz (GGX) microfacet reflection sampled from the distribution of visible normals (Heitz 2018,
// "Sampling the GGX Distribution of Visible Normals"). With VNDF sampling, f·cos/pdf = F · G1(wi) (Smith,
// separable masking), so the throughput weight never exceeds the Fresnel term: the lobe cannot gain energy.
// ggx_sample works in a local frame with the normal along +z; ggx_eval and ggx_pdf (for next-event estimation
// and MIS) take world-space unit vectors. G1 depends only on the angle to the normal (isotropic roughness).
// #import math/constants

struct GgxSample {
  wi: vec3f,
  /// The sampled microfacet normal.
  h: vec3f,
  /// G1(wi): the weight besides Fresnel; 0 when wi falls below the surface.
  g1: f32,
}

/// Smith G1 for GGX with roughness alpha, direction w (w.z = cos θ > 0).
fn ggx_g1(w: vec3f, alpha: f32) -> f32 {
  if (w.z <= 0.0) {
    return 0.0;
  }
  let a2 = alpha * alpha;
  return 2.0 * w.z / (w.z + sqrt(a2 * (1.0 - w.z * w.z) + w.z * w.z));
}

/// wo: local outgoing direction (wo.z > 0); u uniform in [0,1)².
fn ggx_sample(wo: vec3f, alpha: f32, u: vec2f) -> GgxSample {
  let ve = normalize(vec3f(alpha * wo.x, alpha * wo.y, wo.z));
  let len2 = ve.x * ve.x + ve.y * ve.y;
  let t1 = select(vec3f(1.0, 0.0, 0.0), vec3f(-ve.y, ve.x, 0.0) * inverseSqrt(len2), len2 > 0.0);
  let t2 = cross(ve, t1);
  let r = sqrt(u.x);
  let phi = TWO_PI * u.y;
  let p1 = r * cos(phi);
  let s = 0.5 * (1.0 + ve.z);
  let p2 = (1.0 - s) * sqrt(max(1.0 - p1 * p1, 0.0)) + s * r * sin(phi);
  let nh = p1 * t1 + p2 * t2 + sqrt(max(1.0 - p1 * p1 - p2 * p2, 0.0)) * ve;
  let h = normalize(vec3f(alpha * nh.x, alpha * nh.y, max(nh.z, 0.0)));
  let wi = reflect(-wo, h);
  return GgxSample(wi, h, ggx_g1(wi, alpha));
}

/// GGX normal distribution D(h) for cos θh = nh.
fn ggx_d(nh: f32, alpha: f32) -> f32 {
  let a2 = alpha * alpha;
  let k = nh * nh * (a2 - 1.0) + 1.0;
  return a2 / (PI * k * k);
}

/// World-space f·cos without Fresnel, D·G1(wo)·G1(wi) / (4 cos θo), for unit n, wo (toward the viewer) and wi.
fn ggx_eval(n: vec3f, wo: vec3f, wi: vec3f, alpha: f32) -> f32 {
  let co = dot(n, wo);
  let ci = dot(n, wi);
  if (!(co > 0.0) || !(ci > 0.0)) {
    return 0.0;
  }
  let h = normalize(wo + wi);
  let local_o = vec3f(sqrt(max(1.0 - co * co, 0.0)), 0.0, co);
  let local_i = vec3f(sqrt(max(1.0 - ci * ci, 0.0)), 0.0, ci);
  return ggx_d(dot(n, h), alpha) * ggx_g1(local_o, alpha) * ggx_g1(local_i, alpha) / (4.0 * co);
}

/// Density of ggx_sample's reflected direction per steradian: D(h)·G1(wo) / (4 cos θo).
fn ggx_pdf(n: vec3f, wo: vec3f, wi: vec3f, alpha: f32) -> f32 {
  let co = dot(n, wo);
  if (!(co > 0.0) || !(dot(n, wi) > 0.0)) {
    return 0.0;
  }
  let h = normalize(wo + wi);
  let local_o = vec3f(sqrt(max(1.0 - co * co, 0.0)), 0.0, co);
  return ggx_d(dot(n, h), alpha) * ggx_g1(local_o, alpha) / (4.0 * co);
}

/// Schlick's Fresnel approximation with reflectance f0 at normal incidence.
fn schlick_fresnel(f0: vec3f, cos_theta: f32) -> vec3f {
  let m = 1.0 - clamp(cos_theta, 0.0, 1.0);
  let m2 = m * m;
  return f0 + (vec3f(1.0) - f0) * (m2 * m2 * m);
}
