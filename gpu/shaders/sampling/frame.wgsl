// Orthonormal frames from a single unit vector (Duff et al. 2017, "Building an Orthonormal Basis, Revisited",
// JCGT 6(1)): branchless, no normalisation, continuous except across the z = 0 plane's sign flip.

struct Frame {
  t: vec3f,
  b: vec3f,
  n: vec3f,
}

/// Right-handed frame (t, b, n) with n the given unit vector; t × b = n.
fn frame_from_normal(n: vec3f) -> Frame {
  let s = select(-1.0, 1.0, n.z >= 0.0);
  let a = -1.0 / (s + n.z);
  let k = n.x * n.y * a;
  let t = vec3f(1.0 + s * n.x * n.x * a, s * k, -s * n.x);
  let b = vec3f(k, s + n.y * n.y * a, -n.y);
  return Frame(t, b, n);
}

/// Local coordinates (along t, b, n) to world space.
fn frame_to_world(f: Frame, v: vec3f) -> vec3f {
  return f.t * v.x + f.b * v.y + f.n * v.z;
}

/// World space to local coordinates (along t, b, n).
fn frame_to_local(f: Frame, v: vec3f) -> vec3f {
  return vec3f(dot(v, f.t), dot(v, f.b), dot(v, f.n));
}
