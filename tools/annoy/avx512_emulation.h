// annoylib's AVX-512 kernels (USE_AVX512) on a CPU without AVX-512, for the interoperability test:
// included before everything else (g++ -include), it claims AVX-512F so that annoylib.h takes that
// path, keeps the real intrinsics header out (its AVX-512 code would need the instructions), and
// defines the seven intrinsics those kernels call, lane by lane, with the same IEEE operations:
// loads, add, sub, abs, a fused multiply-add per lane (fmaf rounds once, as vfmadd does), and
// _mm512_reduce_add_ps in the order of GCC's avx512fintrin.h (256-bit halves, 128-bit halves, then
// lanes {0,2} and {1,3}, then the two). Compile with -O2 -ffp-contract=off, as the real build.
#ifndef MDFE_AVX512_EMULATION_H
#define MDFE_AVX512_EMULATION_H

#include <cmath>

#define __AVX512F__ 1
#define _X86INTRIN_H_INCLUDED
#define _IMMINTRIN_H_INCLUDED

struct __m512 {
  float v[16];
};

static inline __m512 _mm512_setzero_ps() {
  __m512 r;
  for (int i = 0; i < 16; i++) r.v[i] = 0.0f;
  return r;
}

static inline __m512 _mm512_loadu_ps(const float* p) {
  __m512 r;
  for (int i = 0; i < 16; i++) r.v[i] = p[i];
  return r;
}

static inline __m512 _mm512_add_ps(__m512 a, __m512 b) {
  for (int i = 0; i < 16; i++) a.v[i] = a.v[i] + b.v[i];
  return a;
}

static inline __m512 _mm512_sub_ps(__m512 a, __m512 b) {
  for (int i = 0; i < 16; i++) a.v[i] = a.v[i] - b.v[i];
  return a;
}

static inline __m512 _mm512_abs_ps(__m512 a) {
  for (int i = 0; i < 16; i++) a.v[i] = std::fabs(a.v[i]);
  return a;
}

static inline __m512 _mm512_fmadd_ps(__m512 a, __m512 b, __m512 c) {
  for (int i = 0; i < 16; i++) c.v[i] = std::fmaf(a.v[i], b.v[i], c.v[i]);
  return c;
}

static inline float _mm512_reduce_add_ps(__m512 a) {
  float t8[8], t4[4];
  for (int i = 0; i < 8; i++) t8[i] = a.v[i + 8] + a.v[i];
  for (int i = 0; i < 4; i++) t4[i] = t8[i + 4] + t8[i];
  return (t4[0] + t4[2]) + (t4[1] + t4[3]);
}

#endif
