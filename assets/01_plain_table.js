/* dashboard/plaintable.py's PlainTable (a header row and rows of text), PlainList (an
   ordered list of titled items) and PlainTree (a block of static elements), each one Dash
   component. Every value is a React text node (never HTML). The table sits in a div that
   carries the component's id and class, as dcc.Markdown's tables did (.md-table). */
(function () {
    var h = React.createElement;
    function markProps(props) {
        return {className: "illustrative-mark", "data-mark": props.mark, title: props.markTitle};
    }
    function cell(props, i, j, text) {
        var marked = props.marked && props.marked[i] && props.marked[i][j] && text !== "";
        var note = props.notes && props.notes[i] ? props.notes[i][j] : "";
        var own = {key: j};
        if (props.stacked) {
            own["data-label"] = (props.columns || [])[j];
        }
        if (!note) {
            /* The mark is drawn by the cell itself (.illustrative-mark::after). */
            return h("td", marked ? Object.assign(own, markProps(props)) : own, text);
        }
        /* With a note under the value, the mark stays beside the value: a badge. A cell
           with a note and no value starts with the note (no empty first line). */
        return h(
            "td", own, text,
            marked ? h("span", {className: "badge illustrative-badge ms-2",
                                title: props.markTitle}, props.mark) : null,
            text !== "" ? h("br") : null,
            h("span", {className: "small text-muted compare-published"}, note)
        );
    }
    function PlainTable(props) {
        var columns = props.columns || [];
        var rows = props.rows || [];
        return h(
            "div",
            {id: props.id, className: props.className},
            h(
                "table",
                {className: props.tableClassName},
                h("thead", null, h("tr", null, columns.map(function (text, i) {
                    return h("th", {key: i, scope: "col"}, text);
                }))),
                h("tbody", null, rows.map(function (row, i) {
                    return h("tr", {key: i}, row.map(function (text, j) {
                        return cell(props, i, j, text);
                    }));
                }))
            )
        );
    }
    function PlainList(props) {
        var items = props.items || [];
        return h("ol", {id: props.id, className: props.className}, items.map(function (item, i) {
            var title = {};
            if (item[1]) {
                title = markProps(props);
            }
            return h(
                "li",
                {key: i, className: "mb-2"},
                h("div", null, h("strong", title, item[0]),
                  h("span", {className: "ms-1"}, " " + item[2])),
                h("div", {className: "small text-muted"}, item[3])
            );
        }));
    }
    /* The elements and attributes dashboard/plaintable.py's TREE_TAGS and TREE_ATTRIBUTES
       name; anything else is not drawn. */
    var TAGS = {div: 1, span: 1, p: 1, strong: 1, em: 1, small: 1, br: 1};
    var ATTRIBUTES = {className: 1, id: 1, title: 1, role: 1, style: 1};
    function treeNode(node, key) {
        if (typeof node === "string") {
            return node;
        }
        if (!Array.isArray(node) || !TAGS[node[0]]) {
            return null;
        }
        var own = {key: key};
        Object.keys(node[1] || {}).forEach(function (name) {
            if (ATTRIBUTES[name]) {
                own[name] = node[1][name];
            }
        });
        var children = node.slice(2).map(treeNode);
        return h.apply(null, [node[0], own].concat(children));
    }
    function PlainTree(props) {
        var tree = props.tree || ["div", {}];
        var root = treeNode(tree, undefined);
        return props.id && root && typeof root !== "string"
            ? React.cloneElement(root, {id: props.id})
            : root;
    }
    window.icc_components = Object.assign(
        window.icc_components || {},
        {PlainTable: PlainTable, PlainList: PlainList, PlainTree: PlainTree}
    );
})();
