// Test kernel: intersects ray i with primitive i through the shape dispatcher and writes, per ray, 12 floats:
// t (SHAPE_MISS on a miss), then for a hit p.xyz, n.xyz, uv and front_face (1 or 0).
// #import shapes/shape

/// [ray count]
@group(0) @binding(0) var<storage, read> params: array<u32>;
/// 3 per ray: (origin, time), (direction, t_min), (t_max, unused ×3).
@group(0) @binding(1) var<storage, read> rays: array<vec4f>;
@group(0) @binding(2) var<storage, read> prims: array<Primitive>;
@group(0) @binding(3) var<storage, read_write> output: array<f32>;

@compute @workgroup_size(64)
fn intersect(@builtin(global_invocation_id) id: vec3u) {
  let i = id.x;
  if (i >= params[0]) { return; }
  let r0 = rays[i * 3u];
  let r1 = rays[i * 3u + 1u];
  let t_max = rays[i * 3u + 2u].x;
  let ray = Ray(r0.xyz, r0.w, r1.xyz);
  let t = primitive_intersect(prims[i], ray, r1.w, t_max);
  let o = i * 12u;
  output[o] = t;
  if (t > r1.w) {
    let s = primitive_surface(prims[i], ray, t);
    output[o + 1u] = s.p.x;
    output[o + 2u] = s.p.y;
    output[o + 3u] = s.p.z;
    output[o + 4u] = s.n.x;
    output[o + 5u] = s.n.y;
    output[o + 6u] = s.n.z;
    output[o + 7u] = s.uv.x;
    output[o + 8u] = s.uv.y;
    output[o + 9u] = select(0.0, 1.0, surface_front_face(s, ray.direction));
  }
}
