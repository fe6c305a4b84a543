// Spectral path tracer kernel. One invocation per pixel traces frame.sample_count samples (indices from
// frame.sample_offset), each with 4 hero-rotated wavelengths (Wilkie et al. 2014, "Hero Wavelength Spectral
// Sampling"). At diffuse vertices light arrives by next-event estimation toward the priority emitters and by
// the continuation ray, combined with the power heuristic (Veach 1997); the continuation is drawn from the
// BSDF, mixed 50/50 with the priority non-emitters ("guides") when there are any, as the reference's mixture
// pdf does. Reads the scene buffers; adds XYZ sums to `film` and ray counts to `counters`.
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
// #import media/medium
// #import debug/views

const NO_LIGHT: u32 = 0u;
// Sample blocks (sampling/sampler): block 0 is the camera sample — a: pixel jitter and lens, b.x time, b.y
// wavelength —; block 1 + depth a bounce — a.x roulette, a.y light choice, a.zw light point, b.x continuation
// choice, b.yz continuation direction, b.w guide choice, c.x and c.yz the specular lobe.
/// Russian roulette (Arvo & Kirk 1990) starts at this depth: unbiased, and it ends the long tails of paths that
/// carry little energy, which on SIMD hardware would otherwise hold whole groups of lanes back.
const RR_START_DEPTH: u32 = 3u;

struct PathResult {
  radiance: vec4f,
  rays: u32,
}

/// Light reaching `p` directly from one sampled priority emitter, MIS-weighted against the continuation
/// strategy, times the lobe `kind` around `n` (n = 0 for a medium vertex: isotropic phase).
fn direct_light(p: vec3f, n: vec3f, kind: u32, lambda: vec4f, time: f32, u_select: f32, u_light: vec2f, rays: ptr<function, u32>) -> vec4f {
  if (frame.emitter_count == 0u) {
    return vec4f(0.0);
  }
  let light = lights[emitter_select(u_select)];
  let prim = primitives[light.prim];
  let ls = primitive_light_sample(prim, p, u_light, time);
  let pdf_light = light.probability * ls.pdf;
  let f = diffuse_eval(kind, n, ls.wi);
  if (!(pdf_light > 0.0) || !(f > 0.0) || !(ls.dist > 0.0)) {
    return vec4f(0.0);
  }
  let to_light = Ray(p, time, ls.wi);
  let surface = primitive_surface(prim, to_light, ls.dist);
  let front = dot(ls.wi, surface.n) < 0.0;
  let le = material_emission(materials[prim.material], front, -dot(ls.wi, surface.n), surface.p, surface.uv, lambda);
  if (all(le == vec4f(0.0))) {
    return vec4f(0.0);
  }
  *rays += 1u;
  if (bvh_any_hit(to_light, T_MIN, ls.dist * (1.0 - 1e-4))) {
    return vec4f(0.0);
  }
  let transmittance = media_transmittance(to_light, ls.dist);
  let weight = power_heuristic(1.0, pdf_light, 1.0, continuation_pdf(kind, n, p, ls.wi, time));
  return le * (f * transmittance * weight / pdf_light);
}

/// Pdf of the continuation strategy: the lobe, mixed with the guides when there are any.
fn continuation_pdf(kind: u32, n: vec3f, p: vec3f, wi: vec3f, time: f32) -> f32 {
  let lobe = diffuse_pdf(kind, n, wi);
  if (frame.guide_count == 0u) {
    return lobe;
  }
  return 0.5 * lobe + 0.5 * guide_pdf(p, wi, time);
}

/// u: continuation choice (x), direction (yz), guide choice (w).
fn continuation_sample(kind: u32, n: vec3f, p: vec3f, time: f32, u: vec4f) -> vec3f {
  if (frame.guide_count > 0u && u.x < 0.5) {
    return guide_sample(p, u.w, u.yz, time);
  }
  return diffuse_sample(kind, n, u.yz);
}

fn trace_path(camera_ray: Ray, lambda: vec4f, sampler: ptr<function, Sampler>) -> PathResult {
  var ray = camera_ray;
  var beta = vec4f(1.0);
  var radiance = vec4f(0.0);
  var rays = 0u;
  // Secondary wavelengths dropped after a wavelength-dependent event.
  var terminated = false;
  // The last vertex was specular (or the camera): emission found now cannot come from next-event estimation.
  var specular = true;
  var prev_pdf = 0.0;
  var prev_p = ray.origin;

  for (var depth = 0u; depth <= frame.max_depth; depth++) {
    let u = sampler_block(sampler, 1u + depth);
    if (depth >= RR_START_DEPTH) {
      let survive = min(max(max(beta.x, beta.y), max(beta.z, beta.w)), 1.0);
      if (u.a.x >= survive) {
        break;
      }
      beta /= survive;
    }
    let hit = bvh_closest_hit(ray, T_MIN, F32_MAX);
    rays += 1u;
    let t_surface = select(F32_MAX, hit.t, hit.prim != BVH_NO_HIT);

    // Free-flight sampling in each medium; the nearest event before the surface wins.
    var medium_t = F32_MAX;
    var medium_index = 0u;
    for (var i = 0u; i < frame.medium_count; i++) {
      let m = frame.media[i];
      let span = medium_interval(m, ray);
      let lo = max(span.x, 0.0);
      let hi = min(span.y, t_surface);
      if (lo < hi) {
        let t = lo - log(1.0 - sampler_independent(sampler)) / m.density;
        if (t < hi && t < medium_t) {
          medium_t = t;
          medium_index = i;
        }
      }
    }

    if (medium_t < F32_MAX) {
      if (depth == frame.max_depth) {
        break;
      }
      let m = frame.media[medium_index];
      let p = ray_at(ray, medium_t);
      beta *= texture_eval(m.texture, p, vec2f(0.0), lambda, false);
      let kind = MATERIAL_ISOTROPIC;
      radiance += beta * direct_light(p, vec3f(0.0), kind, lambda, ray.time, u.a.y, u.a.zw, &rays);
      let wi = continuation_sample(kind, vec3f(0.0), p, ray.time, u.b);
      let pdf = continuation_pdf(kind, vec3f(0.0), p, wi, ray.time);
      let f = diffuse_eval(kind, vec3f(0.0), wi);
      if (!(pdf > 0.0) || !(f > 0.0)) {
        break;
      }
      beta *= f / pdf;
      prev_pdf = pdf;
      prev_p = p;
      specular = false;
      ray = Ray(p, ray.time, wi);
      continue;
    }

    if (hit.prim == BVH_NO_HIT) {
      radiance += beta * sigmoid_spectrum_eval(frame.background, lambda);
      break;
    }

    let prim = primitives[hit.prim];
    let surface = primitive_surface(prim, ray, hit.t);
    let mat = materials[prim.material];
    let front = dot(ray.direction, surface.n) < 0.0;
    let n = select(-surface.n, surface.n, front);

    if (material_is_emitter(mat.kind)) {
      let le = material_emission(mat, front, -dot(ray.direction, surface.n), surface.p, surface.uv, lambda);
      var weight = 1.0;
      if (!specular && prim.flags != NO_LIGHT) {
        let pdf_light = lights[prim.flags - 1u].probability * primitive_light_pdf(prim, prev_p, ray.direction, ray.time);
        weight = power_heuristic(1.0, prev_pdf, 1.0, pdf_light);
      }
      radiance += beta * le * weight;
      break;
    }
    if (depth == frame.max_depth) {
      break;
    }

    var reflectance = material_reflectance(mat, ray.direction, n, surface.p, surface.uv, lambda);
    if (material_wavelength_dependent(mat) && !terminated) {
      reflectance = terminate_secondaries(reflectance);
      terminated = true;
    }

    if (material_is_diffuse(mat.kind)) {
      beta *= reflectance;
      radiance += beta * direct_light(surface.p, n, mat.kind, lambda, ray.time, u.a.y, u.a.zw, &rays);
      let wi = continuation_sample(mat.kind, n, surface.p, ray.time, u.b);
      let pdf = continuation_pdf(mat.kind, n, surface.p, wi, ray.time);
      let f = diffuse_eval(mat.kind, n, wi);
      if (!(pdf > 0.0) || !(f > 0.0)) {
        break;
      }
      beta *= f / pdf;
      prev_pdf = pdf;
      prev_p = surface.p;
      specular = false;
      ray = Ray(surface.p, ray.time, wi);
    } else {
      let wi = specular_sample(mat, ray.direction, n, front, lambda.x, u.c.x, u.c.yz);
      beta *= reflectance;
      specular = true;
      ray = Ray(surface.p, ray.time, wi);
    }
    if (all(beta == vec4f(0.0))) {
      break;
    }
  }
  return PathResult(radiance, rays);
}

@compute @workgroup_size(8, 8)
fn render(@builtin(global_invocation_id) id: vec3u) {
  let y = id.y + frame.row_offset;
  if (id.x >= frame.width || y >= frame.height) {
    return;
  }
  let pixel = y * frame.width + id.x;
  // Rows are stored top to bottom; the camera's t runs bottom to top.
  let row_from_bottom = f32(frame.height - 1u - y);
  // Samples are added to the film one at a time, in sample order, so the sum is bit-identical however the
  // samples are split into dispatches (renders are deterministic for a seed).
  var xyz = film[pixel].xyz;
  var rays = 0u;
  var dropped = 0u;
  for (var k = 0u; k < frame.sample_count; k++) {
    var sampler = sampler_new(frame.sampler, pixel, frame.sample_offset + k, frame.seed);
    let camera = sampler_block(&sampler, 0u);
    let jitter = camera.a.xy;
    let lens = sample_uniform_disk(camera.a.zw);
    let time = mix(frame.time_0, frame.time_1, camera.b.x);
    let lambda = sample_wavelengths(camera.b.y);
    if (frame.mode != MODE_PATH_TRACING) {
      let s = f32(id.x) / f32(frame.width);
      let t = row_from_bottom / f32(frame.height);
      let view = debug_view(frame.mode, camera_ray(s, t, vec2f(0.0), time));
      xyz += view.xyz;
      rays += view.rays;
      continue;
    }
    let s = (f32(id.x) + jitter.x) / f32(frame.width);
    let t = (row_from_bottom + jitter.y) / f32(frame.height);
    let path = trace_path(camera_ray(s, t, lens, time), lambda, &sampler);
    rays += path.rays;
    // Non-finite or negative radiance never reaches the film (decision 6); it is counted instead.
    let finite = (abs(path.radiance) <= vec4f(F32_MAX)) & (path.radiance >= vec4f(0.0));
    dropped += u32(!all(finite));
    xyz += spectrum_to_xyz(lambda, select(vec4f(0.0), path.radiance, finite));
  }
  film[pixel] = vec4f(xyz, 0.0);
  count_rays(rays);
  if (dropped > 0u) {
    atomicAdd(&counters.dropped, dropped);
  }
}
