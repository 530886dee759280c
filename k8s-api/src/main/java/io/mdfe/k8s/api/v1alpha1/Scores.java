package io.mdfe.k8s.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The UnED metrics of one domain or of their mean. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Scores {

    private Double recallAt1;
    private Double mmpAt5;
    private Double mapAt5;

    /** For Jackson. */
    public Scores() {
    }

    /**
     * @param recallAt1 R@1
     * @param mmpAt5 mMP@5
     * @param mapAt5 mAP@5
     */
    public Scores(Double recallAt1, Double mmpAt5, Double mapAt5) {
        this.recallAt1 = recallAt1;
        this.mmpAt5 = mmpAt5;
        this.mapAt5 = mapAt5;
    }

    public Double getRecallAt1() { return recallAt1; }
    public void setRecallAt1(Double recallAt1) { this.recallAt1 = recallAt1; }
    public Double getMmpAt5() { return mmpAt5; }
    public void setMmpAt5(Double mmpAt5) { this.mmpAt5 = mmpAt5; }
    public Double getMapAt5() { return mapAt5; }
    public void setMapAt5(Double mapAt5) { this.mapAt5 = mapAt5; }
}
