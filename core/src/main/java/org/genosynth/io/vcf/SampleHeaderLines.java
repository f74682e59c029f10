package org.genosynth.io.vcf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import htsjdk.variant.vcf.VCFHeader;
import htsjdk.variant.vcf.VCFHeaderLine;
import htsjdk.variant.vcf.VCFSimpleHeaderLine;
import org.genosynth.io.InputException;
import org.genosynth.model.Sample;
import org.genosynth.model.Sex;

/**
 * Maps samples to VCF column names and {@code ##SAMPLE=<ID=..,Family=..,Father=..,Mother=..,Sex=..>} header lines, and
 * back. {@code Individual} is added when the column name is not the IID (non-unique IIDs are written as FID_IID).
 */
final class SampleHeaderLines {
    private static final Pattern PLAIN_VALUE = Pattern.compile("[A-Za-z0-9_.:+\\-]+");

    private SampleHeaderLines() {
    }

    /** VCF column names: IIDs when they are unique, else FID_IID for every sample. */
    static List<String> columnNames(List<Sample> samples) {
        Set<String> ids = new HashSet<>();
        boolean unique = samples.stream().allMatch(s -> ids.add(s.id()));
        List<String> names = new ArrayList<>(samples.size());
        Set<String> seen = new HashSet<>();
        for (Sample s : samples) {
            String name = unique ? s.id() : s.familyId() + "_" + s.id();
            if (!seen.add(name)) {
                throw InputException.usage("sample '" + s.familyId() + " " + s.id() + "' appears twice; VCF needs "
                        + "unique sample names (rename or remove the duplicate)");
            }
            names.add(name);
        }
        return names;
    }

    /** True when some sample carries information that a bare VCF column name would lose. */
    static boolean needed(List<Sample> samples) {
        return samples.stream().anyMatch(s -> !s.familyId().equals(s.id()) || s.hasFather() || s.hasMother()
                || s.sex() != Sex.UNKNOWN || s.population() != null);
    }

    /** The {@code ##SAMPLE} header lines (without newline) for the samples and their column names. */
    static List<String> format(List<Sample> samples, List<String> columns) {
        List<String> lines = new ArrayList<>(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("ID", columns.get(i));
            if (!columns.get(i).equals(s.id())) {
                fields.put("Individual", s.id());
            }
            fields.put("Family", s.familyId());
            fields.put("Father", s.fatherId());
            fields.put("Mother", s.motherId());
            fields.put("Sex", Integer.toString(s.sex().plinkCode()));
            if (s.population() != null) {
                fields.put("Population", s.population());
            }
            StringBuilder sb = new StringBuilder("##SAMPLE=<");
            fields.forEach((k, v) -> sb.append(sb.length() > 10 ? "," : "").append(k).append('=').append(quote(v)));
            lines.add(sb.append('>').toString());
        }
        return lines;
    }

    /** The samples of a VCF header, with pedigree fields restored from {@code ##SAMPLE} lines that carry them. */
    static List<Sample> parse(VCFHeader header) {
        Map<String, Map<String, String>> byId = new HashMap<>();
        for (VCFHeaderLine line : header.getMetaDataInInputOrder()) {
            if ("SAMPLE".equals(line.getKey()) && line instanceof VCFSimpleHeaderLine simple) {
                byId.put(simple.getID(), simple.getGenericFields());
            }
        }
        List<Sample> samples = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String column : header.getGenotypeSamples()) {
            if (!seen.add(column)) {
                throw new IllegalArgumentException("sample '" + column + "' appears twice in the #CHROM line");
            }
            Map<String, String> f = byId.get(column);
            if (f == null || !f.containsKey("Family")) {
                samples.add(Sample.of(column));
            } else {
                samples.add(new Sample(f.get("Family"), f.getOrDefault("Individual", column), f.get("Father"),
                        f.get("Mother"), Sex.fromPlink(f.getOrDefault("Sex", "0")), f.get("Population")));
            }
        }
        return samples;
    }

    private static String quote(String value) {
        if (PLAIN_VALUE.matcher(value).matches()) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
