package org.genosynth.assoc.lmm;

/** Inverse of a small dense matrix by Gauss-Jordan elimination with partial pivoting (covariate-sized systems). */
final class SmallMatrix {
    private SmallMatrix() {
    }

    static double[][] inverse(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            if (m[pivot][col] == 0) {
                throw new IllegalArgumentException("covariates are linearly dependent");
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            double inv = 1.0 / m[col][col];
            for (int j = 0; j < 2 * n; j++) {
                m[col][j] *= inv;
            }
            for (int r = 0; r < n; r++) {
                if (r != col && m[r][col] != 0) {
                    double f = m[r][col];
                    for (int j = 0; j < 2 * n; j++) {
                        m[r][j] -= f * m[col][j];
                    }
                }
            }
        }
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, out[i], 0, n);
        }
        return out;
    }
}
