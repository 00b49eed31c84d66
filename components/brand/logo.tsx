import Link from "next/link";

export function LogoMark({ className = "size-7" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={className}>
      <rect width="32" height="32" rx="8" className="fill-brand-600" />
      <path
        d="M8 12.5h16l-1.6 10.2A2 2 0 0 1 20.4 24.4h-8.8a2 2 0 0 1-2-1.7L8 12.5Z"
        className="fill-white"
      />
      <path
        d="M12 12.5V11a4 4 0 0 1 8 0v1.5"
        fill="none"
        className="stroke-white"
        strokeWidth="2.2"
        strokeLinecap="round"
      />
    </svg>
  );
}

export function Logo({ href = "/" }: { href?: string }) {
  return (
    <Link
      href={href}
      className="flex items-center gap-2 rounded-md font-semibold tracking-tight text-zinc-900"
    >
      <LogoMark />
      <span className="text-lg">Bazaar</span>
    </Link>
  );
}
