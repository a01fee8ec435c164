// Small inline icons (no icon font, no remote content): 16px strokes that inherit the text colour.
import type { SVGProps } from 'react';

function Icon(props: SVGProps<SVGSVGElement> & { d: string }) {
  const { d, ...rest } = props;
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" {...rest}>
      <path d={d} />
    </svg>
  );
}

export const PlusIcon = () => <Icon d="M8 3v10M3 8h10" />;
export const FolderIcon = () => <Icon d="M2 4.5A1.5 1.5 0 0 1 3.5 3h3l1.5 1.5h4.5A1.5 1.5 0 0 1 14 6v5.5a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 2 11.5z" />;
export const SparkIcon = () => <Icon d="M8 2v3M8 11v3M2 8h3M11 8h3M4 4l2 2M10 10l2 2M12 4l-2 2M6 10l-2 2" />;
export const ImportIcon = () => <Icon d="M8 2v8M5 7l3 3 3-3M3 12v1.5h10V12" />;
export const ExportIcon = () => <Icon d="M8 10V2M5 5l3-3 3 3M3 12v1.5h10V12" />;
export const CloseIcon = () => <Icon d="M4 4l8 8M12 4l-8 8" />;
export const ListIcon = () => <Icon d="M3 4h10M3 8h10M3 12h10" />;
export const FileIcon = () => <Icon d="M4 2h5l3 3v9H4zM9 2v3h3" />;

/** The app mark: three bars narrowing like a sieve. */
export function WinnowMark({ size = 20 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 20 20" aria-hidden="true" className="winnow-mark">
      <rect x="2" y="3" width="16" height="3" rx="1.5" fill="currentColor" opacity="0.35" />
      <rect x="4.5" y="8.5" width="11" height="3" rx="1.5" fill="currentColor" opacity="0.65" />
      <rect x="7" y="14" width="6" height="3" rx="1.5" fill="currentColor" />
    </svg>
  );
}
export const UndoIcon = () => <Icon d="M5 3L2.5 5.5 5 8M2.5 5.5h7a3.5 3.5 0 0 1 0 7H6" />;
export const RedoIcon = () => <Icon d="M11 3l2.5 2.5L11 8M13.5 5.5h-7a3.5 3.5 0 0 0 0 7H10" />;
export const PanelIcon = () => <Icon d="M2.5 3h11v10h-11zM10 3v10" />;
export const SearchIcon = () => <Icon d="M7 2.5a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9zM10.3 10.3L13.5 13.5" />;
export const FilterIcon = () => <Icon d="M2.5 3.5h11l-4.25 5v4l-2.5 1v-5z" />;
export const ColumnsIcon = () => <Icon d="M2.5 3h11v10h-11zM6.2 3v10M9.8 3v10" />;
export const FacetsIcon = () => <Icon d="M2.5 4h4M2.5 8h7M2.5 12h5.5M11 3v10" />;
export const DuplicatesIcon = () => <Icon d="M5.5 2.5h7v8h-7zM3.5 5.5v8h7" />;
