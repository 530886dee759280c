# Shared by the bench/ scripts (source it): puts the Python references (numpy, torch, faiss) at
# their best. Debian's torch and faiss call whatever provides libblas.so.3; with only the
# reference BLAS installed, matmuls run ~35x slower than with OpenBLAS. OpenBLAS 0.3.21 in turn
# picks a slow generic kernel on this CPU unless told its core type.
bench_reference_blas() {
  if ! update-alternatives --query libblas.so.3-x86_64-linux-gnu 2>/dev/null | grep -q '^Value:.*openblas'; then
    echo "bench: installing OpenBLAS as the system BLAS (libopenblas0-pthread) for the Python reference" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libopenblas0-pthread >&2
  fi
  export OPENBLAS_CORETYPE=SkylakeX
}
