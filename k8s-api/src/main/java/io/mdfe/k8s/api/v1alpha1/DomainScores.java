package io.mdfe.k8s.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One domain's result: its metrics and the query and index counts behind them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DomainScores extends Scores {

    private String domain;
    private Integer queries;
    private Integer indexItems;
    private Integer loneQueries;

    public String getDomain() { return domain; }
    public void setDomain(String domain) { this.domain = domain; }
    public Integer getQueries() { return queries; }
    public void setQueries(Integer queries) { this.queries = queries; }
    public Integer getIndexItems() { return indexItems; }
    public void setIndexItems(Integer indexItems) { this.indexItems = indexItems; }
    public Integer getLoneQueries() { return loneQueries; }
    public void setLoneQueries(Integer loneQueries) { this.loneQueries = loneQueries; }
}
