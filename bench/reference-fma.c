/*
 * The second C loop of `npm run bench`, shown in its own column as "C, float32 FMA — different
 * rounding": one epoch of Dense layers, Adam and MAE, no shuffling, written the plain way a C
 * programmer would who does not care about batchsim's rounding, so that the reader sees what the
 * machine does when the compiler is free to fuse float32 multiply-adds and vectorise them.
 * batchsim's speed is judged against bench/reference.c, which computes batchsim's arithmetic.
 *
 *   cc -O3 -march=native -o reference-fma bench/reference-fma.c -lm
 *   reference-fma DIR BATCH FEATURES UNITS:ACT [UNITS:ACT ...]
 *
 * Inputs as for bench/reference.c. Prints one JSON line: {"seconds": …, "cpuSeconds": …, "loss": …},
 * the epoch's time (clock_gettime around the loop only, wall and CPU) and its loss (the running mean weighted by batch size).
 *
 * Different arithmetic from batchsim's: each Dense sum starts at the bias and adds x[r, i]·W[i, j]
 * as float32, which GCC (-ffp-contract=fast, its default) fuses into one float32 FMA and
 * vectorises 8 or 16 units per instruction; batchsim rounds the exact double product plus the
 * double sum once to float32, and adds the bias last. The epoch losses therefore differ from
 * batchsim's in the last digits (W4 by about 1e-4 over a million samples). dL/dx is summed in
 * double, MAE's gradient is sign(e)/(B·d), Adam's update in double on float32 state.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_LAYERS 8

typedef struct {
  int in, units, relu;
  float *w, *b, *gw, *gb;
  float *out, *delta;
} Layer;

static float *read_floats(const char *dir, const char *name, long *count) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "reference: cannot open %s\n", path);
    exit(2);
  }
  fseek(f, 0, SEEK_END);
  long bytes = ftell(f);
  fseek(f, 0, SEEK_SET);
  float *data = malloc(bytes > 0 ? bytes : 4);
  if (fread(data, 1, bytes, f) != (size_t)bytes) {
    fprintf(stderr, "reference: cannot read %s\n", path);
    exit(2);
  }
  fclose(f);
  *count = bytes / 4;
  return data;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

/* The process's CPU time: what the loop cost, whatever else the machine ran meanwhile. */
static double cpu(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static void forward(Layer *l, const float *x, int rows) {
  const int n = l->in, u = l->units;
  for (int r = 0; r < rows; r++) {
    float *z = l->out + (long)r * u;
    const float *xr = x + (long)r * n;
    for (int j = 0; j < u; j++) z[j] = l->b[j];
    for (int i = 0; i < n; i++) {
      const float xi = xr[i];
      const float *wi = l->w + (long)i * u;
      for (int j = 0; j < u; j++) z[j] += xi * wi[j];
    }
    if (l->relu)
      for (int j = 0; j < u; j++) z[j] = z[j] < 0 ? 0 : z[j];
  }
}

/* delta holds dL/dy on entry; becomes dL/dz. Writes gw, gb and, if dx, dL/dx. */
static void backward(Layer *l, const float *x, int rows, float *dx) {
  const int n = l->in, u = l->units;
  if (l->relu)
    for (long k = 0; k < (long)rows * u; k++) l->delta[k] = l->out[k] > 0 ? l->delta[k] : 0;
  memset(l->gw, 0, sizeof(float) * n * u);
  memset(l->gb, 0, sizeof(float) * u);
  for (int r = 0; r < rows; r++) {
    const float *d = l->delta + (long)r * u;
    const float *xr = x + (long)r * n;
    for (int i = 0; i < n; i++) {
      const float xi = xr[i];
      float *g = l->gw + (long)i * u;
      for (int j = 0; j < u; j++) g[j] += xi * d[j];
    }
    for (int j = 0; j < u; j++) l->gb[j] += d[j];
  }
  if (!dx) return;
  for (int r = 0; r < rows; r++) {
    const float *d = l->delta + (long)r * u;
    for (int i = 0; i < n; i++) {
      const float *wi = l->w + (long)i * u;
      double s = 0;
      for (int j = 0; j < u; j++) s += (double)d[j] * wi[j];
      dx[(long)r * n + i] = (float)s;
    }
  }
}

int main(int argc, char **argv) {
  if (argc < 5) {
    fprintf(stderr, "usage: reference DIR BATCH FEATURES UNITS:ACT [UNITS:ACT ...]\n");
    return 2;
  }
  const char *dir = argv[1];
  const int batch = atoi(argv[2]);
  const int features = atoi(argv[3]);
  const int depth = argc - 4;
  if (depth > MAX_LAYERS) return 2;

  long xs, ys, ps;
  float *x = read_floats(dir, "x.f32", &xs);
  float *y = read_floats(dir, "y.f32", &ys);
  float *params = read_floats(dir, "w.f32", &ps);
  const long samples = xs / features;

  Layer layers[MAX_LAYERS];
  long offset = 0;
  int in = features;
  for (int l = 0; l < depth; l++) {
    Layer *L = &layers[l];
    L->in = in;
    L->units = atoi(argv[4 + l]);
    L->relu = strstr(argv[4 + l], "relu") != NULL;
    L->w = params + offset;
    L->b = params + offset + (long)in * L->units;
    offset += (long)in * L->units + L->units;
    L->out = malloc(sizeof(float) * batch * L->units);
    L->delta = malloc(sizeof(float) * batch * L->units);
    in = L->units;
  }
  if (offset != ps) {
    fprintf(stderr, "reference: w.f32 has %ld values, the layers need %ld\n", ps, offset);
    return 2;
  }
  const int outputs = in;
  float *grads = calloc(ps, sizeof(float));
  for (int l = 0, o = 0; l < depth; l++) {
    layers[l].gw = grads + o;
    layers[l].gb = grads + o + layers[l].in * layers[l].units;
    o += layers[l].in * layers[l].units + layers[l].units;
  }
  float *m = calloc(ps, sizeof(float));
  float *v = calloc(ps, sizeof(float));
  const double lr = 0.001, b1 = 0.9, b2 = 0.999, eps = 1e-7;

  const double start = now(), startCpu = cpu();
  double lossSum = 0, seen = 0;
  long t = 0;
  for (long first = 0; first < samples; first += batch) {
    const int rows = (int)(samples - first < batch ? samples - first : batch);
    const float *xb = x + first * features;
    const float *yb = y + first * outputs;
    const float *input = xb;
    for (int l = 0; l < depth; l++) {
      forward(&layers[l], input, rows);
      input = layers[l].out;
    }
    /* MAE and its gradient */
    Layer *last = &layers[depth - 1];
    const long count = (long)rows * outputs;
    const double scale = 1.0 / count;
    double sum = 0;
    for (long k = 0; k < count; k++) {
      const double e = (double)last->out[k] - yb[k];
      sum += (float)fabs(e);
      last->delta[k] = (float)(((e > 0) - (e < 0)) * scale);
    }
    const double batchLoss = (float)((float)sum / count);
    for (int l = depth - 1; l >= 0; l--)
      backward(&layers[l], l == 0 ? xb : layers[l - 1].out, rows, l == 0 ? NULL : layers[l - 1].delta);
    /* Adam */
    t++;
    const double alpha = lr * sqrt(1 - pow(b2, t)) / (1 - pow(b1, t));
    for (long k = 0; k < ps; k++) {
      const double g = grads[k];
      m[k] = (float)(b1 * m[k] + (1 - b1) * g);
      v[k] = (float)(b2 * v[k] + (1 - b2) * g * g);
      params[k] = (float)(params[k] - alpha * m[k] / (sqrt((double)v[k]) + eps));
    }
    lossSum += batchLoss * rows;
    seen += rows;
  }
  const double seconds = now() - start, cpuSeconds = cpu() - startCpu;
  printf("{\"seconds\": %.9f, \"cpuSeconds\": %.9f, \"loss\": %.9g}\n", seconds, cpuSeconds, lossSum / seen);
  return 0;
}
