/*
 * The C reference loop of `npm run bench`: one epoch of Dense layers, Adam and MAE, no shuffling,
 * written the plain way a C programmer would, computing exactly batchsim's operations, so that
 * batchsim's speed can be stated as a fraction of what the machine does with the same arithmetic.
 *
 *   cc -O3 -march=native -o reference bench/reference.c -lm
 *   reference DIR BATCH FEATURES UNITS:ACT [UNITS:ACT ...]
 *
 * DIR holds x.f32 (samples × features), y.f32 (samples × outputs) and w.f32 (the parameters in
 * Keras get_weights() order, [W0, b0, W1, b1, ...]), all little-endian float32, written by
 * bench/throughput.ts from the same data and initial weights batchsim trains on. ACT is `linear`
 * or `relu`. Prints one JSON line: the epoch's time (clock_gettime around the loop only, wall and
 * the process's CPU time), its loss (Keras's running mean, as batchsim's fit loop keeps it) and the FNV-1a hash of the final
 * parameters' bytes, which batchsim's are compared with.
 *
 * The arithmetic is batchsim's (src/core), operation for operation:
 *   Dense   z[r, j] = f(… f(f(0 + x[r, 0]·W[0, j]) + x[r, 1]·W[1, j]) … + b[j]) with every product
 *           exact in double, added to the float32 running sum in double and rounded to float32
 *           after each addition (f); the bias added last; ReLU as z < 0 ? 0 : z
 *   MAE     e = f(y_pred − y); the row's float32 sum of |e|; the batch's sum in double, rounded;
 *           gradient sign(e)·f(f(1/B)/d)
 *   dW, db  Σ over the rows r = 0, 1, … rounded to float32 after each addition
 *   dL/dx   Σ_j dz[r, j]·W[i, j] in double, rounded once
 *   Adam    Keras 3's float32 operations in Keras's order (src/core/optimizers.ts)
 * Each float32 operation is one C float operation, which rounds exactly as batchsim's
 * Math.fround of the double result does. The compiler must not fuse a float multiply and add into
 * one rounding (GCC does by default, -ffp-contract=fast), so contraction is switched off below;
 * a double multiply-add on float32 operands is exact in the product either way. The loops run
 * over units innermost, so that the compiler vectorises them.
 */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif
#include <math.h>
#include <stdint.h>
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
    for (int j = 0; j < u; j++) z[j] = 0;
    for (int i = 0; i < n; i++) {
      const double xi = xr[i];
      const float *wi = l->w + (long)i * u;
      for (int j = 0; j < u; j++) z[j] = (float)(z[j] + xi * wi[j]);
    }
    for (int j = 0; j < u; j++) z[j] = z[j] + l->b[j];
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
      const double xi = xr[i];
      float *g = l->gw + (long)i * u;
      for (int j = 0; j < u; j++) g[j] = (float)(g[j] + xi * d[j]);
    }
    for (int j = 0; j < u; j++) l->gb[j] = l->gb[j] + d[j];
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
  /* Keras's Adam constants as float32: β1, β2, 1 − β1 and 1 − β2 from double, ε, the rate. */
  const float lr = (float)0.001, b1 = (float)0.9, b2 = (float)0.999;
  const float oneMinusB1 = (float)(1 - 0.9), oneMinusB2 = (float)(1 - 0.999), eps = (float)1e-7;
  float c1 = 0, c2 = 0; /* 1 − β1^t, 1 − β2^t */

  const double start = now(), startCpu = cpu();
  float lossTotal = 0; /* Keras's Mean tracker: float32 total of L·n */
  double seen = 0;
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
    const float scale = (float)((float)(1.0 / rows) / outputs);
    double total = 0;
    float row = 0;
    int k1 = 0;
    for (long k = 0; k < count; k++) {
      const float e = last->out[k] - yb[k];
      row = row + fabsf(e);
      last->delta[k] = (float)((e > 0) - (e < 0)) * scale;
      if (++k1 == outputs) {
        total += outputs == 1 ? row : row / outputs;
        row = 0;
        k1 = 0;
      }
    }
    const float batchLoss = (float)total / rows;
    for (int l = depth - 1; l >= 0; l--)
      backward(&layers[l], l == 0 ? xb : layers[l - 1].out, rows, l == 0 ? NULL : layers[l - 1].delta);
    /* Adam */
    t++;
    if (c1 != 1) c1 = 1 - (float)pow(b1, (double)t);
    if (c2 != 1) c2 = 1 - (float)pow(b2, (double)t);
    const float alpha = lr * sqrtf(c2) / c1;
    for (long k = 0; k < ps; k++) {
      const float g = grads[k];
      m[k] = m[k] + (g - m[k]) * oneMinusB1;
      v[k] = v[k] + (g * g - v[k]) * oneMinusB2;
      params[k] = params[k] - m[k] * alpha / (sqrtf(v[k]) + eps);
    }
    lossTotal = lossTotal + batchLoss * (float)rows;
    seen += rows;
  }
  const double seconds = now() - start, cpuSeconds = cpu() - startCpu;
  const float loss = (float)(lossTotal / seen);
  uint32_t hash = 2166136261u;
  const unsigned char *bytes = (const unsigned char *)params;
  for (long k = 0; k < 4 * ps; k++) hash = (hash ^ bytes[k]) * 16777619u;
  printf("{\"seconds\": %.9f, \"cpuSeconds\": %.9f, \"loss\": %.9g, \"weights\": \"%08x\"}\n", seconds, cpuSeconds, loss, hash);
  return 0;
}
