// Drives Annoy's own C++ (annoylib.h + kissrandom.h from the npm package `annoy`, fetched at test
// time, never committed) so Java's AnnoyIndex can be checked against it and benchmarked beside it.
// Uses AnnoyIndex<int32_t, float, Metric, Kiss64Random>, the instantiation of Python's annoy module.
//
//   annoy_driver build <metric> <dim> <vectors.f32> <n_trees> <seed|-> <out.ann>
//   annoy_driver query <metric> <dim> <index.ann> <queries.f32> <k> <search_k> <threads> <out.bin>
//
// metric: euclidean | angular | dot. *.f32 files are raw little-endian float32, row-major.
// query writes k int32 ids per query then k float32 distances per query (padding -1 / NaN).
// Both print `seconds=<wall time of the build or of all queries>` (file I/O excluded),
// `cpu_seconds=<this process's CPU time over the same span>` (what a loaded machine distorts least)
// and `peak_rss_kb=<VmHWM>`.
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <thread>
#include <vector>

#include "kissrandom.h"
#include "annoylib.h"

namespace {

std::vector<float> read_floats(const char* path, int dim, size_t* rows) {
  FILE* f = fopen(path, "rb");
  if (!f) { perror(path); exit(2); }
  fseek(f, 0, SEEK_END);
  long bytes = ftell(f);
  fseek(f, 0, SEEK_SET);
  std::vector<float> data(bytes / sizeof(float));
  if (fread(data.data(), sizeof(float), data.size(), f) != data.size()) { perror(path); exit(2); }
  fclose(f);
  *rows = data.size() / dim;
  return data;
}

// Peak resident memory (VmHWM) in kB, for the benchmark's memory column.
long peak_rss_kb() {
  FILE* f = fopen("/proc/self/status", "r");
  if (!f) return -1;
  char line[256];
  long kb = -1;
  while (fgets(line, sizeof line, f)) {
    if (strncmp(line, "VmHWM:", 6) == 0) kb = atol(line + 6);
  }
  fclose(f);
  return kb;
}

double cpu_seconds() {
  timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

template <typename Distance>
int build(int dim, const char* vectors, int n_trees, const char* seed, const char* out) {
  size_t rows;
  std::vector<float> data = read_floats(vectors, dim, &rows);
  AnnoyIndex<int32_t, float, Distance, Kiss64Random> index(dim);
  if (strcmp(seed, "-") != 0) index.set_seed(atoi(seed));
  for (size_t i = 0; i < rows; i++) index.add_item((int32_t) i, &data[i * dim]);
  double cpu_start = cpu_seconds();
  auto start = std::chrono::steady_clock::now();
  index.build(n_trees);
  printf("seconds=%.3f\n", seconds_since(start));
  printf("cpu_seconds=%.3f\n", cpu_seconds() - cpu_start);
  char* error = nullptr;
  if (!index.save(out, false, &error)) { fprintf(stderr, "save failed: %s\n", error); return 1; }
  printf("peak_rss_kb=%ld\n", peak_rss_kb());
  return 0;
}

template <typename Distance>
int query(int dim, const char* ann, const char* queries, size_t k, int search_k, int threads, const char* out) {
  AnnoyIndex<int32_t, float, Distance, Kiss64Random> index(dim);
  char* error = nullptr;
  if (!index.load(ann, false, &error)) { fprintf(stderr, "load failed: %s\n", error); return 1; }
  size_t rows;
  std::vector<float> data = read_floats(queries, dim, &rows);
  std::vector<int32_t> ids(rows * k, -1);
  std::vector<float> distances(rows * k, NAN);
  double cpu_start = cpu_seconds();
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; t++) {
    workers.emplace_back([&, t] {
      std::vector<int32_t> result;
      std::vector<float> dist;
      for (size_t q = t; q < rows; q += threads) {
        result.clear();
        dist.clear();
        index.get_nns_by_vector(&data[q * dim], k, search_k, &result, &dist);
        std::copy(result.begin(), result.end(), ids.begin() + q * k);
        std::copy(dist.begin(), dist.end(), distances.begin() + q * k);
      }
    });
  }
  for (auto& w : workers) w.join();
  printf("seconds=%.3f\n", seconds_since(start));
  printf("cpu_seconds=%.3f\n", cpu_seconds() - cpu_start);
  FILE* f = fopen(out, "wb");
  if (!f) { perror(out); return 2; }
  fwrite(ids.data(), sizeof(int32_t), ids.size(), f);
  fwrite(distances.data(), sizeof(float), distances.size(), f);
  fclose(f);
  printf("peak_rss_kb=%ld\n", peak_rss_kb());
  return 0;
}

template <typename Distance>
int run(int argc, char** argv) {
  std::string cmd = argv[1];
  int dim = atoi(argv[3]);
  if (cmd == "build" && argc == 8) return build<Distance>(dim, argv[4], atoi(argv[5]), argv[6], argv[7]);
  if (cmd == "query" && argc == 10)
    return query<Distance>(dim, argv[4], argv[5], atol(argv[6]), atoi(argv[7]), atoi(argv[8]), argv[9]);
  fprintf(stderr, "usage: see the head of annoy_driver.cc\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) { fprintf(stderr, "usage: see the head of annoy_driver.cc\n"); return 2; }
  std::string metric = argv[2];
  if (metric == "euclidean") return run<Euclidean>(argc, argv);
  if (metric == "angular") return run<Angular>(argc, argv);
  if (metric == "dot") return run<DotProduct>(argc, argv);
  fprintf(stderr, "unknown metric %s\n", metric.c_str());
  return 2;
}
