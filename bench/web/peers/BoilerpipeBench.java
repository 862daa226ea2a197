// BoilerpipeBench.java — runs boilerpipe's ArticleExtractor over pages for
// bench/web/run.sh: every file is read (gunzipped) first, then the
// extraction alone is timed, twice: a first pass to warm the JIT up, a
// second pass measured in process CPU time. Prints "boilerpipe PAGES SECONDS" and writes the
// texts as {"<id>": {"articleBody": ...}} when an output path is given.
import de.l3s.boilerpipe.extractors.ArticleExtractor;
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.zip.GZIPInputStream;

public class BoilerpipeBench {
    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    public static void main(String[] args) throws Exception {
        String out = args[0];
        List<String> ids = new ArrayList<>();
        List<String> pages = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            try (InputStream in = new GZIPInputStream(new FileInputStream(args[i]))) {
                pages.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            String name = Paths.get(args[i]).getFileName().toString();
            ids.add(name.substring(0, name.indexOf(".htm")));
        }
        String[] texts = new String[pages.size()];
        for (int i = 0; i < pages.size(); i++) { // warm-up pass
            try { texts[i] = ArticleExtractor.INSTANCE.getText(pages.get(i)); } catch (Exception e) { texts[i] = ""; }
        }
        // process CPU time (all threads: JIT and GC included); the machine may be shared
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long t0 = os.getProcessCpuTime();
        for (int i = 0; i < pages.size(); i++) {
            try { texts[i] = ArticleExtractor.INSTANCE.getText(pages.get(i)); } catch (Exception e) { texts[i] = ""; }
        }
        double secs = (os.getProcessCpuTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "boilerpipe %d %.3f%n", pages.size(), secs);
        if (!out.equals("-")) {
            try (Writer w = new OutputStreamWriter(new FileOutputStream(out), StandardCharsets.UTF_8)) {
                w.write("{\n");
                for (int i = 0; i < ids.size(); i++)
                    w.write(json(ids.get(i)) + ": {\"articleBody\": " + json(texts[i] == null ? "" : texts[i]) + "}" + (i + 1 < ids.size() ? ",\n" : "\n"));
                w.write("}\n");
            }
        }
    }
}
