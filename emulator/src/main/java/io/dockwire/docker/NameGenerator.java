package io.dockwire.docker;

import java.util.List;

/**
 * Container names like Docker's names-generator: "adjective_surname" (a notable scientist or
 * engineer), with a random digit appended on retries. The word lists here are a short
 * selection written for dockwire, so generated names are Docker-like, not Docker's exact draw.
 */
public final class NameGenerator {
    private static final List<String> LEFT = List.of("admiring", "adoring", "affectionate", "agitated",
            "amazing", "angry", "awesome", "beautiful", "blissful", "bold", "boring", "brave", "busy",
            "charming", "clever", "compassionate", "competent", "confident", "cool", "cranky", "crazy",
            "dazzling", "determined", "distracted", "dreamy", "eager", "ecstatic", "elastic", "elated",
            "elegant", "eloquent", "epic", "exciting", "fervent", "festive", "flamboyant", "focused",
            "friendly", "frosty", "funny", "gallant", "gifted", "goofy", "gracious", "great", "happy",
            "hardcore", "heuristic", "hopeful", "hungry", "infallible", "inspiring", "intelligent",
            "interesting", "jolly", "jovial", "keen", "kind", "laughing", "loving", "lucid", "magical",
            "modest", "musing", "mystifying", "naughty", "nervous", "nice", "nifty", "nostalgic",
            "objective", "optimistic", "peaceful", "pedantic", "pensive", "practical", "priceless",
            "quirky", "quizzical", "recursing", "relaxed", "reverent", "romantic", "sad", "serene",
            "sharp", "silly", "sleepy", "stoic", "strange", "stupefied", "suspicious", "sweet", "tender",
            "thirsty", "trusting", "unruffled", "upbeat", "vibrant", "vigilant", "vigorous", "wizardly",
            "wonderful", "xenodochial", "youthful", "zealous", "zen");
    private static final List<String> RIGHT = List.of("agnesi", "albattani", "allen", "archimedes",
            "babbage", "banach", "bardeen", "bartik", "bell", "bhabha", "blackwell", "bohr", "booth",
            "borg", "bose", "brahmagupta", "brattain", "brown", "carson", "cerf", "chandrasekhar",
            "curie", "darwin", "davinci", "dijkstra", "einstein", "elion", "engelbart", "euclid", "euler",
            "faraday", "fermat", "fermi", "feynman", "franklin", "galileo", "gauss", "goldberg",
            "goodall", "hamilton", "hawking", "heisenberg", "hertz", "hodgkin", "hopper", "hypatia",
            "jackson", "jang", "jennings", "johnson", "kepler", "khayyam", "knuth", "kowalevski",
            "lamarr", "lamport", "leakey", "lovelace", "lumiere", "mayer", "mccarthy", "mclean",
            "meitner", "mendel", "mirzakhani", "montalcini", "moore", "morse", "newton", "nobel",
            "noether", "pascal", "pasteur", "payne", "perlman", "pike", "poincare", "ptolemy", "raman",
            "ramanujan", "ride", "ritchie", "rosalind", "sammet", "shannon", "shockley", "sinoussi",
            "stonebraker", "swanson", "tesla", "thompson", "torvalds", "turing", "varahamihira",
            "villani", "volhard", "wescoff", "wiles", "williams", "wozniak", "wright", "yalow",
            "yonath", "zhukovsky");

    private NameGenerator() {
    }

    /**
     * A name moby's namesgenerator could have made (with the digit a retry adds): one of its
     * adjectives, then any surname (this list keeps only some of moby's).
     */
    public static final java.util.regex.Pattern GENERATED = java.util.regex.Pattern.compile(
            "\\b(?:" + String.join("|", LEFT) + ")_[a-z]+[0-9]?\\b");

    static String name(Ids ids, int retry) {
        String name;
        do {
            name = LEFT.get(ids.nextInt(LEFT.size())) + "_" + RIGHT.get(ids.nextInt(RIGHT.size()));
        } while (name.equals("boring_wozniak")); // Steve Wozniak is not boring (moby's own rule)
        return retry > 0 ? name + ids.nextInt(10) : name;
    }
}
