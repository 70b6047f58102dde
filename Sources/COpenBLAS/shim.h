// The CBLAS interface of OpenBLAS (Debian: libopenblas-dev). Only LossEngine imports it.
#include <cblas.h>
