package dev.sluice.processors.classify;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Logistic regression over hashed text features: lower-cased NFKC word unigrams and bigrams, and
 * character 4-grams of each word (which carry over to inflections, other languages and look-alike
 * spellings). Scoring a 1 KB text costs a few microseconds, so it can sit on the hot path where a
 * transformer cannot (all-MiniLM-L6-v2 needs milliseconds per sentence here).
 *
 * <p>Written here rather than taken from a library: the JVM machine-learning libraries on Maven
 * Central (Tribuo, Smile, DJL) bring tens of megabytes for what is a dot product at inference and
 * forty lines of AdaGrad at training, and their model formats tie the shipped weights to their versions.
 * Immutable after training or loading; thread-safe.
 */
public final class LinearTextModel {

    private static final int MAGIC = 0x534c4d31; // "SLM1"
    private final int bits;
    private final float[] weights;
    private final float bias;

    private LinearTextModel(int bits, float[] weights, float bias) {
        this.bits = bits;
        this.weights = weights;
        this.bias = bias;
    }

    /** One labelled text for training. */
    public record Example(String text, boolean positive) {
    }

    /** Probability that the text is of the positive class. */
    public double probability(String text) {
        return probabilities(text).whole();
    }

    /**
     * The probability of the whole text and the highest of its passages'.
     *
     * @param whole   the text's probability
     * @param passage the highest probability of a passage (sentences or lines, merged until each has
     *                {@value #MIN_PASSAGE_FEATURES} features); the whole text's when it is one passage
     * @param passageStart where that passage starts in the text scored, or -1 when the model's normalisation (NFKC,
     *                     lower case) changed the text's length and positions would not hold
     * @param passageEnd   where it ends, exclusive, or -1
     */
    public record Probabilities(double whole, double passage, int passageStart, int passageEnd) {

        public double max() {
            return Math.max(whole, passage);
        }

        /**
         * Where the higher of the two was read, in the text scored: the highest passage, or the whole text when it scores
         * higher; null when the text's positions do not survive the model's normalisation (NFKC or lower-casing changed
         * its length).
         */
        public int[] where(String text) {
            if (passageStart < 0) {
                return null;
            }
            return whole >= passage ? new int[] {0, text.length()} : new int[] {passageStart, passageEnd};
        }
    }

    /**
     * Both probabilities in one pass over the text. A passage is scored because a long document dilutes
     * what one sentence of it says: an instruction planted in a 1 KB e-mail is a few percent of the
     * e-mail's features, while the model was trained on texts of a sentence or a few.
     */
    public Probabilities probabilities(String text) {
        String folded = nfkc(text);
        String normal = folded.toLowerCase(Locale.ROOT);
        Passages passages = new Passages(normal);
        int count = visitNormal(normal, bits, passages);
        boolean placed = normal.length() == text.length() && (folded == text || folded.equals(text));
        double whole = logistic(bias + passages.sum * scale(count));
        boolean onePassage = passages.closed == 0 || (passages.closed == 1 && passages.start == count);
        if (!onePassage) {
            passages.last(count, normal.length());
        }
        // one passage, or none wordy enough to be read alone (a table of marks): the whole text is all there is
        if (onePassage || passages.best < 0) {
            return new Probabilities(whole, whole, placed ? 0 : -1, placed ? text.length() : -1);
        }
        return new Probabilities(whole, passages.best, placed ? passages.bestFrom : -1, placed ? passages.bestTo : -1);
    }

    /**
     * Sums the weights as the features come, in their order (the same sum as over the feature array),
     * and scores a passage at each boundary from the running sum and count: one addition per feature, as
     * for the whole text alone.
     */
    private final class Passages implements Sink {
        final String normal;
        double sum;
        double sumAtStart;
        int start;
        int closed;
        double best = -1;
        /** Where the current passage starts and where the best one lies, in characters. */
        int from;
        int bestFrom;
        int bestTo;

        @Override
        public void feature(int f) {
            sum += weights[f];
        }

        @Override
        public void boundary(int features, int at) {
            int n = features - start;
            if (n >= MIN_PASSAGE_FEATURES) {
                passage(logistic(bias + (sum - sumAtStart) * scale(n)), at);
                sumAtStart = sum;
                start = features;
                closed++;
            }
        }

        Passages(String normal) {
            this.normal = normal;
        }

        private void passage(double p, int to) {
            if (p > best && wordy(normal, from, to)) {
                best = p;
                bestFrom = from;
                bestTo = to;
            }
            from = to;
        }

        /** The text's last passage, however short (its scale stops growing below {@value #MIN_FEATURES} features). */
        void last(int features, int length) {
            if (features > start) {
                passage(logistic(bias + (sum - sumAtStart) * scale(features - start)), length);
            }
        }
    }

    /**
     * Whether at least half of the passage's non-space characters are letters or digits: a regex, a table's rule or a row of
     * marks is not read alone ("g., `\\s*print\\s*(\\(\\))?" scored 0.93 as a passage of a content team's prompt); the whole
     * text still reads it.
     */
    static boolean wordy(String text, int from, int to) {
        int letters = 0;
        int others = 0;
        for (int i = Math.max(0, from); i < Math.min(to, text.length()); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                letters++; // digits too: leetspeak writes letters as digits ("1gn0r3 pr3v10us")
            } else if (!Character.isWhitespace(c)) {
                others++;
            }
        }
        return letters >= others;
    }

    /** A passage ends at a sentence's or line's end once it has this many features (four or five words: each word is a word, a bigram and its 4-grams). */
    static final int MIN_PASSAGE_FEATURES = 24;

    private static double logistic(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /** Where {@link #visit} sends the features and the ends of sentences and lines. */
    private interface Sink {
        void feature(int f);

        /**
         * @param features how many features came before the boundary
         * @param at       the character after the mark that ends the sentence or line
         */
        default void boundary(int features, int at) {
        }
    }

    /**
     * Trains with AdaGrad on the logistic loss, classes weighted to balance, L2 regularised; the
     * same examples and seed give the same model.
     */
    public static LinearTextModel train(List<Example> examples, int bits, int epochs, double l2, long seed) {
        float[] w = new float[1 << bits];
        double[] g2 = new double[1 << bits];
        double b;
        long positives = examples.stream().filter(Example::positive).count();
        long negatives = examples.size() - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("training needs both classes: " + positives + " positive, " + negatives + " negative examples");
        }
        double positiveWeight = Math.sqrt(examples.size() / (2.0 * positives));
        double negativeWeight = Math.sqrt(examples.size() / (2.0 * negatives));
        // the bias is fixed at the weighted prior odds rather than learned: learned, it soaked up what
        // the scaled features could not carry and made an empty text look like an attack
        b = Math.log(positiveWeight * positives / (negativeWeight * negatives));
        List<int[]> featureLists = new ArrayList<>(examples.size());
        for (Example e : examples) {
            featureLists.add(features(e.text(), bits));
        }
        Integer[] order = new Integer[examples.size()];
        Arrays.setAll(order, i -> i);
        Random random = new Random(seed);
        double rate = 0.5;
        for (int epoch = 0; epoch < epochs; epoch++) {
            java.util.Collections.shuffle(Arrays.asList(order), random);
            for (int i : order) {
                int[] features = featureLists.get(i);
                boolean y = examples.get(i).positive();
                double scale = scale(features.length);
                double sum = 0;
                for (int f : features) {
                    sum += w[f];
                }
                double p = 1.0 / (1.0 + Math.exp(-(b + sum * scale)));
                double gradient = (p - (y ? 1 : 0)) * (y ? positiveWeight : negativeWeight);
                for (int f : features) {
                    double g = gradient * scale + l2 * w[f];
                    g2[f] += g * g;
                    w[f] -= (float) (rate * g / (Math.sqrt(g2[f]) + 1e-8));
                }
            }
        }
        return new LinearTextModel(bits, w, (float) b);
    }

    /**
     * Features are scaled to unit length, so that a long text is not more suspicious for its length
     * alone; below {@value #MIN_FEATURES} features the scale stops growing, so that one word ("hello")
     * cannot carry a whole text's weight.
     */
    private static double scale(int features) {
        return 1.0 / Math.sqrt(Math.max(features, MIN_FEATURES));
    }

    private static final int MIN_FEATURES = 32;

    /**
     * Hashed feature indices of a text (repeats kept: a feature seen twice counts twice). The hashes are
     * those of {@link String#hashCode} of each word, bigram and padded 4-gram, computed over the
     * characters in place instead of on substrings (the shipped weights are indexed by them).
     */
    static int[] features(String text, int bits) {
        int[][] out = {new int[3 * text.length() + 8]};
        int[] k = {0};
        visit(text, bits, (Sink) f -> {
            if (k[0] == out[0].length) {
                out[0] = Arrays.copyOf(out[0], out[0].length * 2);
            }
            out[0][k[0]++] = f;
        });
        return Arrays.copyOf(out[0], k[0]);
    }

    /** Calls {@code feature} with each feature index of the text, in order; returns how many there were. */
    private static int visit(String text, int bits, Sink feature) {
        return visitNormal(nfkc(text).toLowerCase(Locale.ROOT), bits, feature);
    }

    /** {@link #visit} of a text already in NFKC and lower case. */
    private static int visitNormal(String normal, int bits, Sink feature) {
        int mask = (1 << bits) - 1;
        int n = normal.length();
        int k = 0;
        int previous = "<s>".hashCode();
        int run = 0;
        for (int i = 0; i < n; ) {
            int c = normal.codePointAt(i);
            int start = i;
            // a run of one mark ("-----------", "=========") is a rule line: read as three marks, or its one
            // feature, repeated twenty times, would outweigh the words around it
            run = i > 0 && normal.charAt(i - 1) == c && !dev.sluice.processors.text.Chars.letterOrDigit(c) ? run + 1 : 1;
            if (run > 3 && !Character.isWhitespace(c)) {
                i += Character.charCount(c);
                continue;
            }
            if (dev.sluice.processors.text.Chars.letterOrDigit(c)) {
                while (i < n && dev.sluice.processors.text.Chars.letterOrDigit(normal.codePointAt(i))) {
                    i += Character.charCount(normal.codePointAt(i));
                }
            } else {
                i += Character.charCount(c);
                if (c == '\n') {
                    feature.boundary(k, i);
                }
                if (c == ' ' || Character.isWhitespace(c)) {
                    continue;
                }
                // punctuation carries signal: "[system]", "<|im_start|>"
            }
            int hash = hash(normal, start, i);
            feature.feature(mix(hash) & mask);
            feature.feature(mix(previous * 31 + hash + 0x9e3779b9) & mask);
            k += 2;
            previous = hash;
            if (i - start >= 4) {
                // 4-grams of " word ": the first and last include the padding space; each hash rolled
                // from the one before (String.hashCode of the 4-gram: c0*31^3 + c1*31^2 + c2*31 + c3)
                int h = ((' ' * 31 + normal.charAt(start)) * 31 + normal.charAt(start + 1)) * 31 + normal.charAt(start + 2);
                feature.feature(mix(h + 0x7f4a7c15) & mask);
                k++;
                for (int q = start + 3; q <= i; q++) {
                    char leaving = q - 4 < start ? ' ' : normal.charAt(q - 4);
                    char entering = q == i ? ' ' : normal.charAt(q);
                    h = (h - leaving * 29791) * 31 + entering;
                    feature.feature(mix(h + 0x7f4a7c15) & mask);
                    k++;
                }
            }
            if (i - start == 1 && (c == '.' || c == '!' || c == '?')) {
                feature.boundary(k, i);
            }
        }
        return k;
    }

    /** {@code text.substring(from, to).hashCode()} without the substring. */
    private static int hash(String text, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + text.charAt(i);
        }
        return h;
    }

    /** NFKC form; ASCII text is its own (checked first: the normaliser copies the text even then). */
    public static String nfkc(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return Normalizer.normalize(text, Normalizer.Form.NFKC);
            }
        }
        return text;
    }

    /** MurmurHash3's finaliser: spreads String.hashCode (stable by the Java specification) over all bits. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    /**
     * The model whose weights and bias are the means of {@code models}' (all with the same feature bits): its
     * logit is the mean of theirs, so it scores as their ensemble does at one model's cost. Models trained
     * with different seeds (another shuffle, other composed text) disagree most on the texts near the
     * threshold; their mean is steadier there than any one of them.
     */
    public static LinearTextModel average(List<LinearTextModel> models) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("no models to average");
        }
        int bits = models.get(0).bits;
        double[] sum = new double[1 << bits];
        double bias = 0;
        for (LinearTextModel model : models) {
            if (model.bits != bits) {
                throw new IllegalArgumentException("models with different feature bits: " + bits + " and " + model.bits);
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] += model.weights[i];
            }
            bias += model.bias;
        }
        float[] weights = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            weights[i] = (float) (sum[i] / models.size());
        }
        return new LinearTextModel(bits, weights, (float) (bias / models.size()));
    }

    public void write(OutputStream out) throws IOException {
        GZIPOutputStream gzip = new GZIPOutputStream(out);
        DataOutputStream data = new DataOutputStream(gzip);
        data.writeInt(MAGIC);
        data.writeInt(bits);
        data.writeFloat(bias);
        for (float w : weights) {
            data.writeFloat(w);
        }
        data.flush();
        gzip.finish();
    }

    public static LinearTextModel read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(new GZIPInputStream(in));
        if (data.readInt() != MAGIC) {
            throw new IOException("not a Sluice linear text model");
        }
        int bits = data.readInt();
        if (bits < 8 || bits > 24) {
            throw new IOException("feature bits out of range: " + bits);
        }
        float bias = data.readFloat();
        float[] weights = new float[1 << bits];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = data.readFloat();
        }
        return new LinearTextModel(bits, weights, bias);
    }

    /** A model shipped in the class path, e.g. {@code /sluice/models/injection.slm}. */
    public static LinearTextModel resource(String path) {
        try (InputStream in = LinearTextModel.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing model resource " + path);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
