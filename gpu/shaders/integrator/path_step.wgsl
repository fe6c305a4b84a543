// One path of the spectral path tracer as a state machine, shared by the megakernel (integrator/path: one
// invocation runs a path to its end) and the wavefront integrator (integrator/wavefront/*: one kernel per stage,
// paths kept in a storage buffer between them). A path starts at a camera sample (`camera_path`); each bounce
// traces its ray (the caller's closest-hit query), then `path_shade` scores what it hit and returns a shadow ray
// for next-event estimation, which the caller tests and, when unoccluded, adds to the radiance.
//
// Each sample carries 4 hero-rotated wavelengths (Wilkie et al. 2014, "Hero Wavelength Spectral Sampling"). At
// diffuse vertices light arrives by next-event estimation (toward the environment and the priority emitters) and
// by the continuation ray, combined with the power heuristic (Veach 1997); the continuation is drawn from the
// BSDF, mixed 50/50 with the priority non-emitters ("guides") when there are any, as the reference's mixture pdf
// does.
// #import integrator/bindings
// #import integrator/mis
// #import sampling/sampler
// #import camera/camera
// #import spectrum/wavelengths
// #import spectrum/cmf
// #import textures/texture
// #import materials/material
// #import lights/light
// #import lights/cone
// #import lights/environment
// #import textures/image
// #import media/medium
// #import generated/scene_features

const NO_LIGHT: u32 = 0u;
/// Russian roulette (Arvo & Kirk 1990) starts at this depth (after two bounces, as in pbrt-v4): unbiased, and it
/// ends the long tails of paths that carry little energy, which on SIMD hardware would otherwise hold whole groups
/// of lanes back. Measured efficiency (1 / (variance × time), lavapipe, 128², 32 spp) against a start at depth 3:
/// cornell_classic +26%, one_weekend +12%, cornell +8%; a start at depth 1 lost on one_weekend and cornell.
const RR_START_DEPTH: u32 = 2u;

/// PathState.flags: the path goes on; the last vertex was specular (or the camera), so emission found now
/// cannot come from next-event estimation; the secondary wavelengths were dropped.
const PATH_ALIVE: u32 = 1u;
const PATH_SPECULAR: u32 = 2u;
const PATH_TERMINATED: u32 = 4u;

/// Everything a path carries between bounces (host-shareable: the wavefront integrator stores it).
struct PathState {
  /// The ray the next bounce traces.
  ray: Ray,
  beta: vec4f,
  radiance: vec4f,
  lambda: vec4f,
  /// The numbers of the next bounce (drawn before its roulette, so the draw order is fixed).
  u: BounceSample,
  /// The last scattering vertex and the pdf of the direction drawn there (MIS of emission found next).
  prev_p: vec3f,
  prev_pdf: f32,
  sampler: Sampler,
  depth: u32,
  flags: u32,
  pad0: u32,
  pad1: u32,
}

/// A next-event estimation request: `contribution` reaches the path when nothing lies along `ray` within
/// (T_MIN, t_max). t_max = 0 when there is none.
struct ShadowRay {
  ray: Ray,
  t_max: f32,
  contribution: vec4f,
}

const NO_SHADOW_RAY = ShadowRay(Ray(vec3f(0.0), 0.0, vec3f(0.0)), 0.0, vec4f(0.0));

fn path_alive(path: PathState) -> bool {
  return (path.flags & PATH_ALIVE) != 0u;
}

fn path_end(path: ptr<function, PathState>) {
  (*path).flags &= ~PATH_ALIVE;
}

/// The path of sample `index` of pixel (x, y) (y counted from the top), its first bounce's numbers drawn.
fn camera_path(x: u32, y: u32, index: u32) -> PathState {
  let pixel = y * frame.width + x;
  var sampler = sampler_new(control.sampler, pixel, index, frame.seed);
  let camera = sampler_camera(&sampler);
  let lambda = sample_wavelengths(camera.wavelength);
  let ray = camera_sample_ray(x, y, camera);
  // `u` is drawn right after by path_begin_bounce; the zero placeholder draws nothing.
  var path = PathState(ray, vec4f(1.0), vec4f(0.0), lambda, BounceSample(), ray.origin, 0.0, sampler, 0u, PATH_ALIVE | PATH_SPECULAR, 0u, 0u);
  path_begin_bounce(&path);
  return path;
}

/// Draws the numbers of the bounce at path.depth and plays Russian roulette.
fn path_begin_bounce(path: ptr<function, PathState>) {
  (*path).u = sampler_bounce(&(*path).sampler, (*path).depth);
  if ((*path).depth >= RR_START_DEPTH) {
    let beta = (*path).beta;
    let survive = min(max(max(beta.x, beta.y), max(beta.z, beta.w)), 1.0);
    if ((*path).u.roulette >= survive) {
      path_end(path);
      return;
    }
    (*path).beta = beta / survive;
  }
}

/// Film XYZ (w = 0), or w = 1 when the radiance is not finite and non-negative: such a sample never reaches the
/// film (decision 6) and is counted instead.
fn path_film_xyz(path: PathState) -> vec4f {
  let finite = (abs(path.radiance) <= vec4f(F32_MAX)) & (path.radiance >= vec4f(0.0));
  if (!all(finite)) {
    return vec4f(0.0, 0.0, 0.0, 1.0);
  }
  return vec4f(spectrum_to_xyz(path.lambda, path.radiance), 0.0);
}

/// A light sample for next-event estimation: the direction toward it, how far to test for occluders, the density
/// of choosing it (the choice of light included) and the radiance it sends back along -wi.
struct LightChoice {
  wi: vec3f,
  dist: f32,
  pdf: f32,
  le: vec4f,
}

const NO_LIGHT_CHOICE = LightChoice(vec3f(0.0), 0.0, 0.0, vec4f(0.0));

/// Light reaching `p` directly from one sampled light, the environment (with probability
/// frame.environment.light_probability) or a priority emitter, MIS-weighted against the continuation strategy,
/// times the lobe (MEDIUM_LOBE at a medium vertex: isotropic phase) and `beta`; the visibility test is left to
/// the caller.
fn direct_light(p: vec3f, lobe: MaterialLobe, lambda: vec4f, beta: vec4f, time: f32, u_select: f32, u_light: vec2f) -> ShadowRay {
  let p_environment = select(0.0, frame.environment.light_probability, SCENE_ENVIRONMENT);
  var light = NO_LIGHT_CHOICE;
  if (SCENE_ENVIRONMENT && u_select < p_environment) {
    light = environment_choice(lambda, u_light, p_environment);
  } else if (SCENE_EMITTERS && control.emitter_count > 0u) {
    light = emitter_choice(p, lambda, time, (u_select - p_environment) / (1.0 - p_environment), u_light);
  }
  if (!(light.pdf > 0.0) || !(light.dist > 0.0) || all(light.le == vec4f(0.0))) {
    return NO_SHADOW_RAY;
  }
  let f = lobe_eval(lobe, light.wi);
  if (!(f > 0.0)) {
    return NO_SHADOW_RAY;
  }
  let to_light = Ray(p, time, light.wi);
  let transmittance = media_transmittance(to_light, light.dist);
  let weight = power_heuristic(1.0, light.pdf, 1.0, continuation_pdf(lobe, p, light.wi, time));
  return ShadowRay(to_light, light.dist * (1.0 - 1e-4), beta * light.le * (f * transmittance * weight / light.pdf));
}

/// A point on a priority emitter, chosen by the emitters' cdf (`u_select` in [0, 1)).
fn emitter_choice(p: vec3f, lambda: vec4f, time: f32, u_select: f32, u_light: vec2f) -> LightChoice {
  let light = lights[emitter_select(u_select)];
  let prim = primitive_at(light.prim);
  let ls = primitive_light_sample(prim, p, u_light, time);
  let pdf = light.probability * ls.pdf;
  if (!(pdf > 0.0) || !(ls.dist > 0.0)) {
    return NO_LIGHT_CHOICE;
  }
  let surface = primitive_surface(prim, Ray(p, time, ls.wi), ls.dist);
  let uv = surface_shading(prim, surface, surface.n).uv;
  var le = surface_emission(prim, surface, uv, ls.wi, lambda);
  if (SCENE_ALPHA_TEST && (prim.flags & PRIMITIVE_FLAG_ALPHA) != 0u) {
    // A continuation ray would pass through the cut-away or transparent part (materials/alpha).
    le *= material_coverage(prim, uv);
  }
  return LightChoice(ls.wi, ls.dist, pdf, le);
}

/// A direction toward the environment, drawn from its distribution; nothing may lie in the way at any distance.
fn environment_choice(lambda: vec4f, u: vec2f, probability: f32) -> LightChoice {
  let env = frame.environment;
  let s = environment_sample(env, u);
  return LightChoice(s.wi, F32_MAX, probability * s.pdf, environment_emission(s.wi, lambda));
}

/// Radiance arriving from the environment along -d (d points away from the scene).
fn environment_emission(d: vec3f, lambda: vec4f) -> vec4f {
  return rgb_spectrum(environment_radiance(frame.environment, d), lambda, false);
}

/// Radiance of a ray that leaves the scene along d: the environment, MIS-weighted against next-event estimation
/// when that could have sampled it (the last vertex was not specular), or the background colour.
fn escaped_radiance(path: PathState, d: vec3f) -> vec4f {
  // A kernel built with every feature may render a scene without an environment (its map size is then 0).
  if (!SCENE_ENVIRONMENT || frame.environment.size.x == 0u) {
    return sigmoid_spectrum_eval(frame.background, path.lambda);
  }
  let le = environment_emission(d, path.lambda);
  if ((path.flags & PATH_SPECULAR) != 0u) {
    return le;
  }
  let pdf_light = frame.environment.light_probability * environment_pdf(frame.environment, d);
  return le * power_heuristic(1.0, path.prev_pdf, 1.0, pdf_light);
}

/// Radiance `surface` (of `prim`, reached along direction `d`) emits back toward the ray's origin: what a
/// continuation ray scores on hitting it and what next-event estimation scores on sampling it, so the two
/// strategies agree. `uv` is the shading UV (surface_shading: a mesh's interpolated texture coordinates).
fn surface_emission(prim: Primitive, surface: SurfaceHit, uv: vec2f, d: vec3f, lambda: vec4f) -> vec4f {
  let cos_out = -dot(d, surface.n);
  return material_emission(materials[prim.material], cos_out > 0.0, cos_out, surface.p, uv, lambda);
}

/// Pdf of the continuation strategy: the lobe, mixed with the guides when there are any.
fn continuation_pdf(lobe: MaterialLobe, p: vec3f, wi: vec3f, time: f32) -> f32 {
  let density = lobe_pdf(lobe, wi);
  if (!SCENE_GUIDES || control.guide_count == 0u) {
    return density;
  }
  return 0.5 * density + 0.5 * guide_pdf(p, wi, time);
}

fn continuation_sample(lobe: MaterialLobe, p: vec3f, time: f32, u: BounceSample) -> vec3f {
  if (SCENE_GUIDES && control.guide_count > 0u && u.strategy < 0.5) {
    return guide_sample(p, u.guide_choice, u.direction, time);
  }
  return lobe_sample(lobe, u.direction);
}

/// Scatters by a lobe with a density (diffuse, GGX, or a medium's phase function): the next ray drawn from the
/// continuation strategy.
/// Returns false when the path ends there.
fn path_scatter_diffuse(path: ptr<function, PathState>, p: vec3f, lobe: MaterialLobe) -> bool {
  let time = (*path).ray.time;
  let wi = continuation_sample(lobe, p, time, (*path).u);
  let pdf = continuation_pdf(lobe, p, wi, time);
  let f = lobe_eval(lobe, wi);
  if (!(pdf > 0.0) || !(f > 0.0)) {
    return false;
  }
  (*path).beta *= f / pdf;
  (*path).prev_pdf = pdf;
  (*path).prev_p = p;
  (*path).flags &= ~PATH_SPECULAR;
  (*path).ray = Ray(p, time, wi);
  return true;
}

/// The bounce after the path's ray was traced (`hit`): scores emission and background, scatters, and draws the
/// next bounce's numbers. Returns the next-event estimation shadow ray (t_max = 0 when there is none). Clears
/// PATH_ALIVE when the path ends.
/// A medium event and a surface both end in one scattering vertex (position and lobe): next-event estimation, the
/// continuation ray and the next bounce's numbers each have one call site, since every WGSL call is inlined and
/// compile time grows with the copies.
fn path_shade(path: ptr<function, PathState>, hit: BvhHit) -> ShadowRay {
  let ray = (*path).ray;
  let u = (*path).u;
  let lambda = (*path).lambda;
  let depth = (*path).depth;
  let t_surface = select(F32_MAX, hit.t, hit.prim != BVH_NO_HIT);

  // Free-flight sampling in each medium; the nearest event before the surface wins.
  var medium_t = F32_MAX;
  var medium_index = 0u;
  if (SCENE_MEDIA) {
    for (var i = 0u; i < control.medium_count; i++) {
      let m = frame.media[i];
      let span = medium_interval(m, ray);
      let lo = max(span.x, 0.0);
      let hi = min(span.y, t_surface);
      if (lo < hi) {
        let t = lo - log(1.0 - sampler_independent(&(*path).sampler)) / m.density;
        if (t < hi && t < medium_t) {
          medium_t = t;
          medium_index = i;
        }
      }
    }
  }

  // The scattering vertex.
  var p: vec3f;
  var lobe: MaterialLobe;
  if (SCENE_MEDIA && medium_t < F32_MAX) {
    if (depth == control.max_depth) {
      path_end(path);
      return NO_SHADOW_RAY;
    }
    p = ray_at(ray, medium_t);
    (*path).beta *= texture_eval(frame.media[medium_index].texture, p, vec2f(0.0), lambda, false);
    lobe = MEDIUM_LOBE;
  } else {
    if (hit.prim == BVH_NO_HIT) {
      (*path).radiance += (*path).beta * escaped_radiance(*path, ray.direction);
      path_end(path);
      return NO_SHADOW_RAY;
    }

    let prim = primitive_at(hit.prim);
    let surface = primitive_surface(prim, ray, hit.t);
    let mat = materials[prim.material];
    let front = surface_front_face(surface, ray.direction);
    let n = select(-surface.n, surface.n, front);

    // Emission (lights, emissive glTF surfaces), MIS-weighted against next-event estimation when it could have
    // found this point: the primitive is in the light set and the last vertex was not specular.
    let shade = surface_shading(prim, surface, n);
    let le = surface_emission(prim, surface, shade.uv, ray.direction, lambda);
    if (any(le != vec4f(0.0))) {
      var weight = 1.0;
      let light = prim.flags & PRIMITIVE_LIGHT_MASK;
      if (SCENE_EMITTERS && ((*path).flags & PATH_SPECULAR) == 0u && light != NO_LIGHT) {
        let pdf_light = lights[light - 1u].probability * primitive_light_pdf(prim, (*path).prev_p, ray.direction, ray.time);
        weight = power_heuristic(1.0, (*path).prev_pdf, 1.0, pdf_light);
      }
      (*path).radiance += (*path).beta * le * weight;
    }
    if (material_is_emitter(mat.kind)) {
      path_end(path);
      return NO_SHADOW_RAY;
    }
    // The lobe of this bounce, with the mesh's shading normal and UV where they have them.
    lobe = material_lobe(mat, shade, ray.direction, n, front, surface.p, lambda, u.lobe);
    if (depth == control.max_depth) {
      path_end(path);
      return NO_SHADOW_RAY;
    }
    var reflectance = lobe.reflectance;
    if (material_wavelength_dependent(mat) && ((*path).flags & PATH_TERMINATED) == 0u) {
      reflectance = terminate_secondaries(reflectance);
      (*path).flags |= PATH_TERMINATED;
    }
    (*path).beta *= reflectance;
    p = surface.p;
  }

  var shadow = NO_SHADOW_RAY;
  if (lobe.kind != LOBE_SPECULAR) {
    shadow = direct_light(p, lobe, lambda, (*path).beta, ray.time, u.light_choice, u.light_point);
    if (!path_scatter_diffuse(path, p, lobe)) {
      path_end(path);
      return shadow;
    }
  } else {
    (*path).flags |= PATH_SPECULAR;
    (*path).ray = Ray(p, ray.time, lobe.wi);
  }
  if (all((*path).beta == vec4f(0.0))) {
    path_end(path);
    return shadow;
  }
  (*path).depth++;
  path_begin_bounce(path);
  return shadow;
}
