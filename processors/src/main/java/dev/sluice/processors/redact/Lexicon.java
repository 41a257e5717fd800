package dev.sluice.processors.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Word lists behind the name, place and organisation recogniser, all lower-cased:
 * <ul>
 *   <li>first and last names, places (countries, states, provinces, cities), street words and company
 *       suffixes of every locale of Datafaker (Apache-2.0), read from the YAML files it ships;</li>
 *   <li>common English words: the lower-case entries of SCOWL's word list (see
 *       {@code sluice/lexicon/NOTICE-english-words.txt});</li>
 *   <li>function words of English and nine other European languages: the Snowball stop-word lists that
 *       lucene-analysis-common ships (Apache-2.0; the lists BSD), and weekday and month names from the JDK's locale data;</li>
 *   <li>brand and product names as written ("Terraform", "Ubuntu", "Visa"): the titles of simple-icons (CC0-1.0), read from
 *       the WebJar's {@code data/simple-icons.json}, and those its 6.16.0 release had and later ones dropped ("Salesforce",
 *       "Microsoft Teams", "Java"), from that release's data file, which the build unpacks.</li>
 * </ul>
 * No library offers these as lookup sets, so they are read here once per process (~0.5 s) and
 * shared. Immutable after loading; thread-safe.
 */
final class Lexicon {

    private static final String DATAFAKER_PROBE = "en/name.yml";

    final Set<String> commonWords;
    /**
     * Brand and product names in lower case, so that a title written with other capitals is one too ("Langchain" for
     * "LangChain"); asked only of runs of capitalised words, so "chase" the verb is never looked up as "Chase" the bank.
     */
    final Set<String> brands;
    final Set<String> firstNames;
    final Set<String> lastNames;
    /** Places, possibly several words ("new zealand", "villafranca del cid"). */
    final Set<String> places;
    /**
     * Real towns and cities, lower-cased: the place names libphonenumber's geocoder gives its dialling prefixes ("Denver",
     * "Tucson", "Regensburg", "Tilburg"), without the common words among them ("Mobile", "Reading"). The locale files' towns
     * are mostly invented; many real ones are also names ("Austin", "Hamilton"), so these count only with a place's cue.
     */
    final Set<String> towns;
    /** Every word after which {@code NameRecognizer} looks for a person typed in lower case: its cues and the titles. */
    final Set<String> lowerCaseNameCues;
    /** Street words written as separate words ("road", "rue", "via", "avenida"). */
    final Set<String> streetWords;
    /** Street words that are written joined to the name ("parijsstraat", "hammarvägen"). */
    final Set<String> companySuffixes;
    final Set<String> personTitles;
    /** Nationalities and languages ("russian", "finnish"): capitalised, but nobody's name. */
    final Set<String> demonyms;
    final Set<String> streetEndings;
    private final int[] endingLengths;
    private final Set<String> streetWordsAndEndings;
    /** The last two characters of every street ending, as {@link #tail} gives them, sorted: most words end otherwise. */
    private final int[] endingTails;
    private final boolean shortEndings;
    /** Longest place name in words: bounds the look-up of word sequences. */
    final int longestPlace;
    /**
     * The function words of other European languages ("und", "sie", "mich", "le", "graag", "ihre"): the stop-word
     * lists of Lucene's analysers for German, Dutch, French, Spanish, Italian, Portuguese, Swedish, Danish and
     * Norwegian, less English's; and English's own list. A text with more of the first than of the second is not
     * English, whatever share of its words English also has ("die", "hat", "an", "am").
     */
    final Set<String> foreignFunctionWords;
    final Set<String> englishFunctionWords;
    /** The particles of names and places ("van", "de", "la", "von"): at the start of a sentence, an article ("Le rendez-vous"). */
    final Set<String> nameParticles;
    /** Weekday and month names of those languages ("montag", "märz", "jeudi"): capitalised in German, and surnames in some lists. */
    final Set<String> foreignCalendarWords;

    private Lexicon(Builder b) {
        this.commonWords = lookup(b.commonWords);
        this.brands = lookup(b.brands.stream().map(x -> x.toLowerCase(Locale.ROOT)).toList());
        this.firstNames = lookup(b.firstNames);
        this.lastNames = lookup(b.lastNames);
        this.places = lookup(b.places);
        this.towns = lookup(b.towns);
        Set<String> cues = new HashSet<>(NameRecognizer.LOWER_CASE_CUES);
        cues.addAll(b.personTitles);
        cues.addAll(List.of(".", "is", "am", "i'm", "im"));
        this.lowerCaseNameCues = lookup(cues);
        this.streetWords = lookup(b.streetWords);
        this.companySuffixes = lookup(b.companySuffixes);
        this.personTitles = lookup(b.personTitles);
        this.demonyms = lookup(withLanguages(b.demonyms, b));
        this.streetEndings = lookup(b.streetEndings);
        this.streetWordsAndEndings = lookup(java.util.stream.Stream.concat(b.streetWords.stream(), b.streetEndings.stream()).toList());
        this.endingLengths = b.streetEndings.stream().mapToInt(String::length).distinct().sorted().toArray();
        this.endingTails = b.streetEndings.stream().filter(e -> e.length() >= 2).mapToInt(e -> tail(e, e.length())).distinct().sorted().toArray();
        this.shortEndings = b.streetEndings.stream().anyMatch(e -> e.length() < 2);
        this.longestPlace = b.places.stream().mapToInt(p -> p.split(" ").length).max().orElse(1);
        this.englishFunctionWords = lookup(stopWords("english"));
        Set<String> foreign = new HashSet<>();
        for (String language : FOREIGN_STOP_LISTS) {
            foreign.addAll(stopWords(language));
        }
        foreign.removeAll(englishFunctionWords);
        // the particles of names and places ("Maika van de Noort", "Chiclana de la Frontera", "rue des Lilas") say nothing of
        // the language a text is written in
        foreign.removeAll(NAME_PARTICLES);
        this.foreignFunctionWords = lookup(foreign);
        this.nameParticles = lookup(NAME_PARTICLES);
        Set<String> calendar = new HashSet<>();
        for (String tag : CALENDAR_LOCALES) {
            java.text.DateFormatSymbols symbols = java.text.DateFormatSymbols.getInstance(java.util.Locale.forLanguageTag(tag));
            for (String[] names : List.of(symbols.getWeekdays(), symbols.getMonths())) {
                for (String name : names) {
                    if (!name.isEmpty()) {
                        calendar.add(name.toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
        }
        java.text.DateFormatSymbols english = java.text.DateFormatSymbols.getInstance(java.util.Locale.ENGLISH);
        for (String[] names : List.of(english.getWeekdays(), english.getMonths())) {
            for (String name : names) {
                calendar.remove(name.toLowerCase(java.util.Locale.ROOT));
            }
        }
        this.foreignCalendarWords = lookup(calendar);
    }

    private static final List<String> NAME_PARTICLES = List.of("de", "la", "le", "les", "van", "von", "der", "den", "del", "della", "di", "da", "des", "du",
            "do", "dos", "das", "el", "los", "las", "al", "bin", "af", "zu", "ten", "ter", "het", "op", "dem");
    private static final List<String> FOREIGN_STOP_LISTS = List.of("german", "dutch", "french", "spanish", "italian", "portuguese", "swedish", "danish", "norwegian");
    /** The other languages whose weekdays and months the recognisers know (and whose town names they read). */
    static final List<String> CALENDAR_LOCALES = List.of("de", "nl", "fr", "es", "it", "pt", "sv", "da", "nb");

    /** The months of {@link #CALENDAR_LOCALES}, written out and lower-cased, each once, in order. */
    static List<String> otherLanguageMonths() {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        for (String tag : CALENDAR_LOCALES) {
            for (String name : java.text.DateFormatSymbols.getInstance(java.util.Locale.forLanguageTag(tag)).getMonths()) {
                if (!name.isEmpty()) {
                    names.add(name.toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return List.copyOf(names);
    }

    /**
     * A Snowball stop-word list as lucene-analysis-common ships it ({@code org/apache/lucene/analysis/snowball/LANGUAGE_stop.txt}:
     * words separated by white space, "|" starting a comment), read as a resource: no Lucene class is loaded.
     */
    static Set<String> stopWords(String language) {
        String resource = "/org/apache/lucene/analysis/snowball/" + language + "_stop.txt";
        Set<String> out = new HashSet<>();
        try (InputStream in = Lexicon.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " (lucene-analysis-common)");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                int comment = line.indexOf('|');
                for (String word : (comment < 0 ? line : line.substring(0, comment)).trim().split("\\s+")) {
                    if (word.length() >= 2) {
                        out.add(word.toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * An unmodifiable hash set: looked up for every word of every prompt, where {@code Set.copyOf}'s
     * probing table (a division and a linear probe a lookup) costs about twice as much.
     */
    static Set<String> lookup(java.util.Collection<String> words) {
        return java.util.Collections.unmodifiableSet(new java.util.HashSet<>(words));
    }

    static Lexicon get() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final Lexicon INSTANCE = load();
    }

    /**
     * A plural in "-es" after a sibilant: "boxes", "taxes", "buzzes", "branches", "dishes", "businesses" (by hand: asked of
     * words of every text, where a matcher would be made each time).
     */
    private static boolean sibilantPlural(String lower) {
        int n = lower.length();
        if (n < 4 || !lower.endsWith("es")) {
            return false;
        }
        char c = lower.charAt(n - 3);
        return c == 's' || c == 'x' || c == 'z' || c == 'h' && (lower.charAt(n - 4) == 'c' || lower.charAt(n - 4) == 's');
    }

    /** A common English word, also in a contraction: "we'll", "don't". */
    boolean isCommon(String lower) {
        if (commonWords.contains(lower) || commonWords.contains(american(lower))) {
            return true;
        }
        // the plural of a common word, which the list often lacks ("integrations", "stakeholders", "deliverables",
        // "companies"); not a family name that ends so ("Banks", "Roberts" are names the lists know)
        // "-es" after a sibilant ("boxes", "taxes", "branches", "businesses")
        if (lower.length() > 4 && lower.endsWith("s") && !isName(lower)
                && (commonWords.contains(lower.substring(0, lower.length() - 1))
                || lower.endsWith("ies") && commonWords.contains(lower.substring(0, lower.length() - 3) + "y")
                || lower.endsWith("es") && sibilantPlural(lower) && commonWords.contains(lower.substring(0, lower.length() - 2)))) {
            return true;
        }
        int apostrophe = Math.max(lower.indexOf('\''), lower.indexOf('’'));
        if (apostrophe > 0 && (commonWords.contains(lower.substring(0, apostrophe)) || lower.endsWith("n't") || lower.endsWith("n’t"))) {
            return true;
        }
        // "follow-up", "check-in": common words joined by a hyphen ("Smith-Jones" has a part no word list holds)
        int hyphen = lower.indexOf('-');
        if (hyphen <= 0 || hyphen == lower.length() - 1) {
            return false;
        }
        for (String part : lower.split("-")) {
            if (part.isEmpty() || !commonWords.contains(part)) {
                return false;
            }
        }
        return true;
    }

    /** British endings spelt the American way, as the word list (SCOWL, American) has them: summarise, analyse, colour, centre. */
    private static String american(String lower) {
        for (String[] ending : BRITISH) {
            int at = lower.lastIndexOf(ending[0]);
            if (at > 1 && lower.length() - at <= ending[0].length() + 5) {
                String american = lower.substring(0, at) + ending[1] + lower.substring(at + ending[0].length());
                if (!american.equals(lower)) {
                    return american;
                }
            }
        }
        return lower;
    }

    private static final String[][] BRITISH = {{"isation", "ization"}, {"ise", "ize"}, {"ising", "izing"}, {"yse", "yze"}, {"ysing", "yzing"},
            {"our", "or"}, {"tre", "ter"}};

    boolean isName(String lower) {
        return firstNames.contains(lower) || lastNames.contains(lower);
    }

    boolean isStreetWord(String lower) {
        return isListedStreetWord(lower) || joinedStreetWord(lower, 1);
    }

    /** A street word or ending of the lists, as a word of its own: "street", "rue", "straat". */
    boolean isListedStreetWord(String lower) {
        return streetWordsAndEndings.contains(lower);
    }

    /**
     * Whether the word ends in a street ending of at least {@code minEnding} letters with a name of at
     * least three letters before it: "parijsstraat", "hammarvägen".
     */
    boolean joinedStreetWord(String lower, int minEnding) {
        if (!shortEndings && (lower.length() < 2 || java.util.Arrays.binarySearch(endingTails, tail(lower, lower.length())) < 0)) {
            return false;
        }
        for (int length : endingLengths) {
            if (length >= minEnding && lower.length() > length + 2 && streetEndings.contains(lower.substring(lower.length() - length))) {
                return true;
            }
        }
        return false;
    }

    /** The two characters before {@code end}, as one number. */
    private static int tail(String word, int end) {
        return word.charAt(end - 2) << 16 | word.charAt(end - 1);
    }

    private static Lexicon load() {
        Builder b = new Builder();
        b.commonWords.addAll(dev.sluice.processors.text.EnglishWords.all());
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (String resource : datafakerResources()) {
            try (InputStream in = Lexicon.class.getClassLoader().getResourceAsStream(resource)) {
                if (in != null) {
                    b.addLocale(yaml.readTree(in));
                }
            } catch (IOException e) {
                // one malformed locale file must not take the recogniser down; the others still count
            }
        }
        readTowns(b);
        readBrands(b);
        b.finish();
        return new Lexicon(b);
    }

    /** Where the simple-icons WebJar keeps its data (the version is the one the build pins). */
    private static final String BRANDS_PREFIX = "META-INF/resources/webjars/simple-icons/";

    /** The titles of simple-icons, in the WebJar's version that is on the class path (its pom.properties says which). */
    private static void readBrands(Builder b) {
        ClassLoader loader = Lexicon.class.getClassLoader();
        java.util.Properties webJar = new java.util.Properties();
        try (InputStream properties = loader.getResourceAsStream("META-INF/maven/org.webjars.npm/simple-icons/pom.properties")) {
            if (properties == null) {
                throw new IllegalStateException("simple-icons' WebJar is not on the class path");
            }
            webJar.load(properties);
            try (InputStream in = loader.getResourceAsStream(BRANDS_PREFIX + webJar.getProperty("version") + "/data/simple-icons.json")) {
                addTitles(new ObjectMapper().readTree(in), b);
            }
            // the titles an older release had and the current one dropped on its owners' request ("Salesforce", "Microsoft Teams",
            // "LinkedIn", "Slack", "Java", "Oracle"): names written in every back office's requests. The build unpacks that
            // release's data file here (processors/pom.xml, execution "retired-brands")
            try (InputStream in = loader.getResourceAsStream(RETIRED_BRANDS)) {
                if (in == null) {
                    throw new IllegalStateException(RETIRED_BRANDS + " is not on the class path: build the processors module with Maven");
                }
                addTitles(new ObjectMapper().readTree(in).path("icons"), b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** simple-icons 6.16.0's data file, which the build unpacks from its WebJar on Maven Central. */
    private static final String RETIRED_BRANDS = "sluice/lexicon/simple-icons-6.16.0/META-INF/resources/webjars/simple-icons/6.16.0/_data/simple-icons.json";

    private static void addTitles(JsonNode icons, Builder b) {
        for (JsonNode icon : icons) {
            String title = icon.path("title").asText("");
            if (title.length() >= 3) {
                b.brands.add(title);
            }
        }
    }

    private static final String GEOCODER_DATA = "/com/google/i18n/phonenumbers/geocoding/data/";
    /** A US or Canadian description ends with the state's or province's code: "Denver, CO". */
    private static final java.util.regex.Pattern STATE_CODE = java.util.regex.Pattern.compile(",\\s*\\p{Lu}{2}$");

    /**
     * The geocoder's descriptions, in every language it has them ("Munich", "München"). Its files are serialised prefix maps
     * that only its own classes read, and those list their entries only through {@code toString()} ("4930|Berlin" per line,
     * and "49|de,en," for the configuration): written by hand here because no API lists them; {@code NameRecognitionTest} checks that
     * the list is read.
     */
    private static void readTowns(Builder b) {
        com.google.i18n.phonenumbers.prefixmapper.MappingFileProvider config = new com.google.i18n.phonenumbers.prefixmapper.MappingFileProvider();
        try (InputStream in = Lexicon.class.getResourceAsStream(GEOCODER_DATA + "config")) {
            if (in == null) {
                return;
            }
            config.readExternal(new java.io.ObjectInputStream(in));
        } catch (IOException e) {
            return; // without the geocoder's data the recogniser has its other lists
        }
        for (String line : config.toString().split("\n")) {
            int bar = line.indexOf('|');
            if (bar <= 0) {
                continue;
            }
            for (String language : line.substring(bar + 1).split(",")) {
                // English, and the languages the recogniser reads ("München" beside "Munich"); not other scripts
                if (language.strip().equals("en") || CALENDAR_LOCALES.contains(language.strip())) {
                    readTownFile(b, GEOCODER_DATA + line.substring(0, bar) + "_" + language.strip());
                }
            }
        }
    }

    private static void readTownFile(Builder b, String resource) {
        com.google.i18n.phonenumbers.prefixmapper.PhonePrefixMap map = new com.google.i18n.phonenumbers.prefixmapper.PhonePrefixMap();
        try (InputStream in = Lexicon.class.getResourceAsStream(resource)) {
            if (in == null) {
                return;
            }
            map.readExternal(new java.io.ObjectInputStream(new java.io.BufferedInputStream(in)));
        } catch (IOException e) {
            return;
        }
        for (String line : map.toString().split("\n")) {
            int bar = line.indexOf('|');
            if (bar < 0) {
                continue;
            }
            String town = STATE_CODE.matcher(line.substring(bar + 1).strip()).replaceFirst("").toLowerCase(Locale.ROOT);
            if (!town.isEmpty() && town.chars().noneMatch(c -> Character.isDigit(c) || c == '(' || c == '/')) {
                b.towns.add(town);
            }
        }
    }

    /** The YAML files of Datafaker's jar (or its class folder, when run from an IDE). */
    private static List<String> datafakerResources() {
        URL probe = Lexicon.class.getClassLoader().getResource(DATAFAKER_PROBE);
        if (probe == null) {
            throw new IllegalStateException("Datafaker's locale files are not on the class path (" + DATAFAKER_PROBE + ")");
        }
        List<String> out = new ArrayList<>();
        try {
            if ("jar".equals(probe.getProtocol())) {
                String path = probe.getPath();
                String jar = path.substring("file:".length(), path.indexOf("!/"));
                try (JarFile file = new JarFile(java.net.URLDecoder.decode(jar, StandardCharsets.UTF_8))) {
                    for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
                        String name = e.nextElement().getName();
                        if (wanted(name)) {
                            out.add(name);
                        }
                    }
                }
            } else {
                Path root = Path.of(probe.toURI()).getParent().getParent();
                try (Stream<Path> files = Files.walk(root, 2)) {
                    files.map(p -> root.relativize(p).toString().replace('\\', '/'))
                            .filter(Lexicon::wanted)
                            .forEach(out::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Single-file locales ("sv.yml") and the name, address, company and nation files of split ones ("en/name.yml"). */
    private static boolean wanted(String name) {
        return name.endsWith(".yml") && !name.contains("/") || name.matches("[a-z]{2}(-[A-Za-z]+)?/(name|address|company|nation)\\.yml");
    }

    /**
     * The demonyms with the English names of languages the JDK knows (ISO 639): "reply in Spanish", "the Spanish team" are
     * no place and no person, and Datafaker's lists name nationalities ("Spaniards") more than languages. A language's name
     * that is also a place or a person's name the lists know ("Tonga", "Zulu", "Tamil") stays what it was.
     */
    private static Set<String> withLanguages(Set<String> demonyms, Builder b) {
        // only the names made as adjectives ("Spanish", "Portuguese", "Italian", "Arabic", "Korean", "Bengali"): a root
        // name ("Tamil", "Zulu", "Thai") is a person's name as often, and a name the lists miss would lose its first part
        Set<String> out = new HashSet<>(demonyms);
        for (String code : Locale.getISOLanguages()) {
            String name = Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH).toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !name.equals(code) && name.indexOf(' ') < 0 && LANGUAGE_ADJECTIVE.matcher(name).find()
                    && !b.places.contains(name) && !b.firstNames.contains(name) && !b.lastNames.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    private static final java.util.regex.Pattern LANGUAGE_ADJECTIVE = java.util.regex.Pattern.compile("(ish|ese|ian|ic|an|i)$");

    private static final class Builder {
        final Set<String> commonWords = new HashSet<>(80_000);
        final Set<String> firstNames = new HashSet<>();
        final Set<String> lastNames = new HashSet<>();
        final Set<String> places = new HashSet<>();
        final Set<String> streetWords = new HashSet<>();
        final Set<String> streetEndings = new HashSet<>();
        final Set<String> companySuffixes = new HashSet<>();
        final Set<String> personTitles = new HashSet<>();
        final Set<String> demonyms = new HashSet<>();
        final Set<String> towns = new HashSet<>();
        final Set<String> brands = new HashSet<>();

        void addLocale(JsonNode document) {
            for (Iterator<JsonNode> locales = document.elements(); locales.hasNext(); ) {
                JsonNode faker = locales.next().path("faker");
                for (Iterator<Map.Entry<String, JsonNode>> it = faker.path("name").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String key = e.getKey();
                    if (key.contains("first_name") || key.contains("middle_name") || key.endsWith("english_name") || key.startsWith("tamil_")) {
                        collect(e.getValue(), firstNames, true);
                    } else if (key.contains("last_name")) {
                        collect(e.getValue(), lastNames, true);
                    } else if (key.endsWith("prefix")) {
                        collect(e.getValue(), personTitles, false);
                    }
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = faker.path("address").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String key = e.getKey();
                    if (Set.of("city", "city_name", "cities", "city_names", "country", "state", "province", "provinces", "region", "regions", "county",
                            "municipality", "district", "district_names", "village", "suburb", "default_country", "uk_country", "community").contains(key)) {
                        collect(e.getValue(), places, false);
                    } else if (key.equals("country_by_name")) {
                        e.getValue().fieldNames().forEachRemaining(n -> places.add(n.replace('_', ' ').toLowerCase(Locale.ROOT)));
                    } else if (key.endsWith("street_suffix") || key.endsWith("street_prefix")) {
                        for (String word : strings(e.getValue())) {
                            String w = word.strip();
                            if (w.isEmpty()) {
                                continue;
                            }
                            // "vägen", "straat": joined to the street's name; "Road", "Rue": a word of its own
                            boolean joined = Character.isLowerCase(w.charAt(0)) && !w.contains(" ") && w.length() >= 3;
                            (joined ? streetEndings : streetWords).add(w.toLowerCase(Locale.ROOT).replace(".", ""));
                        }
                    }
                }
                JsonNode nation = faker.path("nation");
                collect(nation.path("nationality"), demonyms, false);
                // "Americans" is listed; "American" is written as often
                for (String plural : strings(nation.path("nationality"))) {
                    String w = plural.strip().toLowerCase(Locale.ROOT);
                    if (w.endsWith("s")) {
                        demonyms.add(w.substring(0, w.length() - 1));
                    }
                }
                collect(nation.path("language"), demonyms, false);
                collect(nation.path("capital_city"), places, false);
                for (Iterator<Map.Entry<String, JsonNode>> it = faker.path("company").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (Set.of("suffix", "company_suffix", "legal_form").contains(e.getKey())) {
                        collect(e.getValue(), companySuffixes, false);
                    }
                }
            }
        }

        void finish() {
            towns.removeIf(town -> commonWords.contains(town) || town.length() < 3);
            companySuffixes.addAll(List.of("inc", "llc", "ltd", "plc", "corp", "corporation", "co", "company", "group", "associates", "partners",
                    "holdings", "sons", "gmbh", "ag", "sa", "nv", "bv", "ab", "oy", "spa", "srl", "limited", "lp", "llp", "pllc",
                    // the legal forms of Spanish, French and Portuguese firms, and "& Sons" in the other languages
                    "sl", "slu", "sas", "sarl", "lda", "hijos", "filhos", "figli", "fils", "söhne", "zonen"));
            companySuffixes.removeIf(s -> s.length() < 2);
            personTitles.addAll(List.of("mr", "mrs", "ms", "miss", "dr", "prof", "sir", "madam", "mx", "herr", "frau", "mme", "mlle", "sr", "sra",
                    "madame", "monsieur", "mademoiselle", "señor", "señora", "señorita", "signor", "signora", "signorina", "sig", "dott", "meneer",
                    "mevrouw", "heer", "dhr", "mevr", "fru", "herra", "rouva"));
            // abbreviations and spellings the locale files leave out
            streetWords.addAll(List.of("street", "st", "road", "rd", "avenue", "ave", "av", "boulevard", "blvd", "lane", "ln", "drive", "highway",
                    "hwy", "strasse", "straße", "str", "gasse", "platz", "weg", "rue", "rua", "via", "vicolo", "viale", "piazza", "calle", "avda",
                    "avenida", "plaza", "paseo", "camino", "ul", "ulica", "trg", "utca", "út", "allee", "chaussee", "laan", "straat", "plein",
                    "gade", "vej", "katu", "tie", "gata", "gatan", "vägen", "veien", "gaten"));
            streetEndings.addAll(List.of("strasse", "straße", "gasse", "weg", "platz", "allee", "laan", "straat", "plein", "gade", "vej", "katu",
                    "tie", "gata", "gatan", "vägen", "väg", "veien", "vegen", "gaten", "utca",
                    // canals, quays and dikes of Dutch towns, and German avenues: "Prinsengracht", "Wijnhavenkade", "Kurfürstendamm"
                    "gracht", "kade", "singel", "dijk", "dreef", "damm"));
            streetWords.removeIf(s -> s.isBlank());
            streetEndings.removeIf(s -> s.length() < 3);
        }

        private static void collect(JsonNode node, Set<String> into, boolean singleWords) {
            for (String value : strings(node)) {
                String v = value.strip().toLowerCase(Locale.ROOT).replace(".", "");
                if (v.isEmpty()) {
                    continue;
                }
                if (singleWords) {
                    for (String part : v.split("[ ]+")) {
                        if (part.length() >= 2) {
                            into.add(part);
                        }
                    }
                } else {
                    into.add(v);
                }
            }
        }

        /** Every plain string under {@code node}; Datafaker's templates ("#{Name.last_name}", "###") are skipped. */
        private static List<String> strings(JsonNode node) {
            List<String> out = new ArrayList<>();
            if (node.isTextual()) {
                String s = node.asText();
                if (!s.contains("#") && !s.contains("?") && !s.contains("{")) {
                    out.add(s);
                }
            } else if (node.isContainerNode()) {
                node.elements().forEachRemaining(child -> out.addAll(strings(child)));
            }
            return out;
        }
    }
}
