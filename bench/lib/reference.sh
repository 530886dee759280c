# Shared by the bench/ scripts (source it): puts the Python references (numpy, torch, faiss) at
# their best. Debian's torch and faiss call whatever provides libblas.so.3; with only the
# reference BLAS installed, matmuls run ~35x slower than with OpenBLAS. OpenBLAS 0.3.21 in turn
# picks a slow generic kernel on these (virtualised) CPUs unless told its core type, and the core
# type must match the CPU's flags: SkylakeX's AVX-512 kernels die with SIGILL on an AVX2-only CPU.
bench_reference_blas() {
  if ! update-alternatives --query libblas.so.3-x86_64-linux-gnu 2>/dev/null | grep -q '^Value:.*openblas'; then
    echo "bench: installing OpenBLAS as the system BLAS (libopenblas0-pthread) for the Python reference" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libopenblas0-pthread >&2
  fi
  local flags
  flags=$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null || true)
  unset OPENBLAS_CORETYPE
  if [[ " $flags " == *" avx512f "* ]]; then
    export OPENBLAS_CORETYPE=SkylakeX
  elif [[ " $flags " == *" avx2 "* ]]; then
    export OPENBLAS_CORETYPE=Haswell
  fi
  echo "bench: OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset (OpenBLAS picks its own kernel)}" >&2
}
